# family: controlflow
# hazard: daemon-children
# line: 27 45
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: Shape of https://github.com/ARM-software/lisa/pull/1879 ("lisa.trace: Avoid nested multiprocessing.Pool ... daemonic threads are not allowed to have children": a library function that opens its own Pool, called from a task that already runs in a Pool): a dataset builder maps `build_split` over a Pool, and build_split calls featurize(), which opens its own Pool when the split is large enough. The small split runs serially, the large one fails in the daemonic worker.
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
    if len(sentences) < min_parallel:
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
