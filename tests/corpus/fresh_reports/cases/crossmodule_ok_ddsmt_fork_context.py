# family: crossmodule
# hazard: none
# line: none
# files: ddkit/__init__.py ddkit/tmpfiles.py ddkit/checker.py
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix of https://github.com/ddsmt/ddSMT/pull/25 ("This commit fixes the issue by setting the multiprocessing context explicitly"): the program asks for fork before it starts any worker, so the workers inherit the temp folder the parent chose (Linux; fork does not exist on Windows).
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
    multiprocessing.set_start_method("fork")
    sys.exit(main())
