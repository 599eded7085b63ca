# family: calls
# hazard: unpicklable-callable
# line: 39
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/gentoo/portage/pull/1260 (a local `_pre_exec` function was unpicklable under spawn; the fix used `functools.partial` of a module-level function). Here the "fix" went half way: the scorer is wrapped in functools.partial, but what the partial wraps is still the nested function returned by make_scorer(), so ProcessPoolExecutor.submit fails under every start method ("Can't pickle local object 'make_scorer.<locals>.score'").
"""Rank documents by a weighted keyword score in a process pool.

Usage: rank_docs.py [--workers N]
"""
import argparse
import functools
from concurrent.futures import ProcessPoolExecutor

DOCS = [
    "fast cheap reliable shipping",
    "slow but reliable",
    "cheap cheap cheap",
    "premium fast support",
]


def make_scorer(weights):
    def score(doc, min_len=1):
        words = [w for w in doc.split() if len(w) >= min_len]
        return sum(weights.get(w, 0) for w in words), doc
    return score


def parse_args(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--min-len", type=int, default=3)
    return parser.parse_args(argv)


def rank(docs, weights, workers, min_len):
    score = functools.partial(make_scorer(weights), min_len=min_len)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(score, doc) for doc in docs]
        scored = [f.result(timeout=10) for f in futures]
    return [doc for _, doc in sorted(scored, reverse=True)]


def main(argv=None):
    args = parse_args(argv)
    weights = {"fast": 3, "reliable": 2, "cheap": 1, "premium": 2}
    ranking = rank(DOCS, weights, args.workers, args.min_len)
    print("RESULT=%s" % ranking[:2])


if __name__ == "__main__":
    main()
