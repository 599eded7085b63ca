# family: crossmodule
# hazard: parent-state-not-inherited
# line: 15 r2kit/scoring.py:13
# files: r2kit/__init__.py r2kit/scoring.py
# expect: fork=ok spawn=error:AttributeError forkserver=error:AttributeError
# note: r2miss model: a library function writes its module global and then makes the pool whose tasks read it; the library has no main block, so only the function making the pool shows that the write is the parent's.
"""Rank a few documents with the scoring library."""
import sys

from r2kit import scoring


def main():
    weights = {"pool": 3, "fork": 2, "spawn": 1}
    scores = scoring.score_all(["pool fork", "spawn", "fork fork pool"], weights)
    print("RESULT=%s" % scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
