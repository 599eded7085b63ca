# family: crossmodule
# hazard: parent-state-not-inherited
# line: 19 r2kit/registry.py:5
# files: r2kit/__init__.py r2kit/registry.py
# expect: fork=ok spawn=error:KeyError forkserver=error:KeyError
# note: r2miss model: the parent registers a table in a helper module's globals() by name; pool tasks fetch it from globals() by that name.
"""Translate codes through a lookup table the workers fetch by name."""
import multiprocessing
import sys

from r2kit.registry import lookup, register


def translate(code):
    return lookup("codes").get(code, "?")


def main():
    register("codes", {1: "one", 2: "two"})
    with multiprocessing.Pool(2) as pool:
        names = pool.map(translate, [1, 2, 3])
    print("RESULT=%s" % names)
    return 0


if __name__ == "__main__":
    sys.exit(main())
