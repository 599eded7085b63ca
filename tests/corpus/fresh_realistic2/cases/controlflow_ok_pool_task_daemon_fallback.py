# family: controlflow
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/ARM-software/lisa/pull/1879 (avoid the nested Pool): featurize() checks `multiprocessing.current_process().daemon` and runs serially inside a pool worker, so the nested Pool is never opened there.
"""Build train/dev/test features for a toy NER dataset, one split per process.

Usage: build_features.py [--workers N] [--min-parallel N]
"""
import argparse
import multiprocessing

SPLITS = {
    "dev": ["Ada lives in London"] * 3,
    "test": ["Linus works in Portland"] * 5,
    "train": ["Grace visited Arlington", "Alan met Ada in Manchester"] * 40,
}


def features_of(sentence):
    return [(tok, tok[0].isupper()) for tok in sentence.split()]


def featurize(sentences, min_parallel):
    in_daemon = multiprocessing.current_process().daemon
    if in_daemon or len(sentences) < min_parallel:
        return [features_of(s) for s in sentences]
    with multiprocessing.Pool(2) as pool:
        return pool.map(features_of, sentences, chunksize=8)


def build_split(item):
    name, sentences, min_parallel = item
    feats = featurize(sentences, min_parallel)
    return name, sum(len(f) for f in feats)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--min-parallel", type=int, default=50)
    args = parser.parse_args()

    items = [(name, sents, args.min_parallel) for name, sents in sorted(SPLITS.items())]
    with multiprocessing.Pool(args.workers) as pool:
        for name, tokens in pool.map(build_split, items):
            print(name, tokens)


if __name__ == "__main__":
    main()
