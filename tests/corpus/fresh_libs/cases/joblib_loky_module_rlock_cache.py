# family: joblib
# hazard: by-value-task-captures-unpicklable-global
# line: 39
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 40
# note: A feature-extraction script keeps a module-level cache guarded by a threading.RLock and reads both in the task function. loky pickles functions of __main__ by value with cloudpickle, together with the globals they read, so the RLock has to be pickled: "cannot pickle '_thread.RLock' object", under every start method. Shape of https://github.com/joblib/joblib/issues/634 (a logger with handlers captured by a task: the cloudpickle traceback through parallel.py __getstate__).
"""Extract word-shape features from a few documents, caching per token."""
import threading
from collections import Counter

from joblib import Parallel, delayed

_CACHE = {}
_CACHE_LOCK = threading.RLock()

DOCS = [
    "The quick brown Fox jumps over the lazy dog",
    "NASA launched 3 rockets in 2021",
    "joblib makes Parallel loops easy",
    "Spawn and Fork are start methods",
]


def shape(token):
    with _CACHE_LOCK:
        if token in _CACHE:
            return _CACHE[token]
        out = "".join("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c
                      for c in token)
        _CACHE[token] = out
        return out


def features(doc):
    return Counter(shape(tok) for tok in doc.split())


def main():
    counts = Parallel(n_jobs=2)(delayed(features)(d) for d in DOCS)
    total = sum(counts, Counter())
    print("most common shapes:", total.most_common(3))
    print("RESULT=" + str(total["xxx"]))


if __name__ == "__main__":
    main()
