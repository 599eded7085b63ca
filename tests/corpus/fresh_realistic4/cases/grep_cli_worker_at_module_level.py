# family: mainblock
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the parallel grep CLI with the matcher at module level and the word sent via functools.partial.
import argparse
import functools
from concurrent.futures import ProcessPoolExecutor

DOCS = {"a.txt": "alpha\nbeta", "b.txt": "beta\ngamma"}


def count_matches(name, word):
    return DOCS[name].count(word)


def run(matcher, names):
    with ProcessPoolExecutor(2) as ex:
        return dict(zip(names, ex.map(matcher, names)))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--word", default="beta")
    args = ap.parse_args()
    found = run(functools.partial(count_matches, word=args.word), sorted(DOCS))
    print("RESULT=" + ",".join(f"{k}:{v}" for k, v in found.items()))
