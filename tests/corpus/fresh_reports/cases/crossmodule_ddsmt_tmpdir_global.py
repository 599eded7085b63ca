# family: crossmodule
# hazard: parent-state-not-inherited
# line: 23 ddkit/tmpfiles.py:14 ddkit/tmpfiles.py:10
# files: ddkit/__init__.py ddkit/tmpfiles.py ddkit/checker.py
# expect: fork=ok spawn=error:TypeError forkserver=error:TypeError
# note: Shape of https://github.com/ddsmt/ddSMT/pull/25 ("This causes issues with global variables such as __TMPDIR in tmpfiles.py, which is None for children when the process is spawned instead of forked"): the temp folder is a module global of another project module, set by init() in the parent and read by the checker the pool runs.
"""Reduce an SMT-LIB input by checking candidate simplifications in parallel."""
import multiprocessing
import sys

from ddkit import checker, tmpfiles


def candidates(text):
    lines = text.splitlines()
    return [(i, "\n".join(lines[:i] + lines[i + 1:])) for i in range(len(lines))]


def main():
    tmpfiles.init("ddsmt-")
    text = "(declare-fun x () Int)\n(assert (> x 0))\n(check-sat)"
    with multiprocessing.Pool(2) as pool:
        results = pool.map(checker.check, candidates(text))
    kept = [i for i, still_fails in results if still_fails]
    print("RESULT=%s" % kept)
    return 0


if __name__ == "__main__":
    sys.exit(main())
