# family: daemon
# hazard: daemon-children
# line: 23 flowkit/features.py:10
# files: flowkit/stages.py flowkit/features.py
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: Modelled on https://github.com/ThilinaRajapakse/simpletransformers/issues/1247 and https://github.com/derivkit/derivkit/issues/203 (a library function that opens its own process pool, called from inside a daemonic worker). Here multiprocessing.Pool workers run flowkit.stages.featurize_document, which calls flowkit.features.extract, which opens a ProcessPoolExecutor.
"""Featurize a small corpus of documents in parallel."""
import multiprocessing
import sys

from flowkit.stages import featurize_document

DOCS = [
    "the quick brown fox",
    "jumps over the lazy dog",
    "pack my box with five dozen liquor jugs",
    "how vexingly quick daft zebras jump",
]


def featurize_corpus(docs, workers=2):
    with multiprocessing.Pool(workers) as pool:
        return pool.map(featurize_document, docs)


def main():
    feats = featurize_corpus(DOCS)
    for doc, f in zip(DOCS, feats):
        print("%-45s %d" % (doc, f))
    print("RESULT=%d" % sum(feats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
