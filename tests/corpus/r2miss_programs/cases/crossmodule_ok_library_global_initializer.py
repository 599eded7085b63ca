# family: crossmodule
# hazard: none
# line: none
# files: r2kit/__init__.py r2kit/scoring_init.py
# expect: fork=ok spawn=ok forkserver=ok
# note: r2miss near miss: the same library function (it also sets the global in the parent before making the pool), whose pool initializer sets the global in each worker.
"""Rank a few documents with the scoring library's initialized pool."""
import sys

from r2kit import scoring_init as scoring


def main():
    weights = {"pool": 3, "fork": 2, "spawn": 1}
    scores = scoring.score_all(["pool fork", "spawn", "fork fork pool"], weights)
    print("RESULT=%s" % scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
