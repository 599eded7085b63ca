# family: dask
# hazard: unpicklable-callable
# line: 32 36
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 40
# note: superlinear-ai/graphchain#87 and dask/distributed#2366 ("cannot pickle '_thread.lock' object" once a parallel scheduler is used): a dask.bag word count (processes scheduler by default) whose map function updates stats under a module-level threading.Lock, which cloudpickle copies with the function.
"""Word frequencies over a small corpus with dask.bag."""
import sys
import threading

import dask.bag as db

_STATS_LOCK = threading.Lock()
_STATS = {"lines": 0}

LINES = [
    "The quick brown fox",
    "jumps over the lazy dog",
    "the dog sleeps",
    "A fox is quick",
]


def tokenize(line):
    with _STATS_LOCK:
        _STATS["lines"] += 1
    return line.lower().split()


def word_counts(lines):
    bag = db.from_sequence(lines, npartitions=2)
    return bag.map(tokenize).flatten().frequencies()


def main():
    counts = dict(word_counts(LINES).compute())
    print(f"RESULT={counts.get('the')}")
    if counts.get("the") != 3:
        sys.exit(3)


if __name__ == "__main__":
    main()
