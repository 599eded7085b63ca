# family: crossmodule
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix of https://github.com/tomerfiliba-org/rpyc/pull/412 (the maintainer: "partial compilation of a function works just as well"): the factory binds a module-level loop with functools.partial, so spawn pickles it by name.
"""Uppercase words through a service that runs in its own process."""
import sys

from fvkit.factory_fixed import connect_multiprocess


def shout(prefix, word):
    return f"{prefix}:{word.upper()}"


def main(words):
    handle = connect_multiprocess(shout, prefix="svc")
    try:
        replies = [handle.call(word) for word in words]
    finally:
        handle.close()
    print(" ".join(replies))
    return 0


if __name__ == "__main__":
    sys.exit(main(["alpha", "beta", "gamma"]))
