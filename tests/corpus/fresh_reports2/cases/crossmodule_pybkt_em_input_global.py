# family: crossmodule
# hazard: parent-state-not-inherited
# line: 16 bktkit/em_fit.py:19 bktkit/em_fit.py:22
# files: bktkit/__init__.py bktkit/em_fit.py
# expect: fork=ok spawn=error:TypeError forkserver=error:TypeError
# note: Shape of https://github.com/CAHLR/pyBKT/issues/11 ("Accessing global variable from child process on Windows is different from MacOS": `def inner(x): for i in input: ...` in pyBKT/fit/EM_fit.py raised "NoneType is not iterable" on Windows, because `run` sets the module global `input` in the parent and the pool workers read it): the user's script calls the library's fit, whose EM step fills a module global and maps over it in another module.
"""Fit a knowledge-tracing model to a few students' answer sequences."""
import sys

from bktkit import em_fit


def main():
    data = {"data": [1, 0, 1, 1, 0, 1, 1, 1], "starts": [0, 3, 5], "lengths": [3, 2, 3]}
    model = {"As": 0.8}
    estimate = em_fit.run(data, model)
    print("RESULT=%.3f" % estimate)
    return 0


if __name__ == "__main__":
    sys.exit(main())
