# family: calls
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss, the fix from https://github.com/gentoo/portage/pull/1260 ("`partial(setexec, self._con)` is picklable in the fixed version"): the scorer is a module-level function and the per-run settings (a weights dict, a compiled re.Pattern, which pickles by its pattern string) ride in a functools.partial, so ProcessPoolExecutor.submit pickles it by reference under every start method.
"""Rank documents by a weighted keyword score in a process pool.

Usage: rank_docs_fixed.py [--workers N]
"""
import argparse
import functools
import re
from concurrent.futures import ProcessPoolExecutor

DOCS = [
    "fast cheap reliable shipping",
    "slow but reliable",
    "cheap cheap cheap",
    "premium fast support",
]
WORD = re.compile(r"[a-z]+")


def score(doc, weights, pattern, min_len=1):
    words = [w for w in pattern.findall(doc) if len(w) >= min_len]
    return sum(weights.get(w, 0) for w in words), doc


def parse_args(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--min-len", type=int, default=3)
    return parser.parse_args(argv)


def rank(docs, weights, workers, min_len):
    scorer = functools.partial(score, weights=weights, pattern=WORD, min_len=min_len)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(scorer, doc) for doc in docs]
        scored = [f.result(timeout=10) for f in futures]
    return [doc for _, doc in sorted(scored, reverse=True)]


def main(argv=None):
    args = parse_args(argv)
    weights = {"fast": 3, "reliable": 2, "cheap": 1, "premium": 2}
    ranking = rank(DOCS, weights, args.workers, args.min_len)
    print("RESULT=%s" % ranking[:2])


if __name__ == "__main__":
    main()
