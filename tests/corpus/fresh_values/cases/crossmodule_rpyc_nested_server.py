# family: crossmodule
# hazard: unpicklable-callable
# line: fvkit/factory.py:32 17
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/tomerfiliba-org/rpyc/pull/412 ("AttributeError: Can't pickle local object 'connect_multiprocess.<locals>.server'" on Windows): a factory in another module of the project defines the server loop as a nested function and starts it as a Process target; the caller only passes a module-level service function.
"""Uppercase words through a service that runs in its own process."""
import sys

from fvkit.factory import connect_multiprocess


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
