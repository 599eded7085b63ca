# family: daemon
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss from https://github.com/noxdafox/pebble/issues/76 (concurrent.futures.ProcessPoolExecutor workers are not daemonic, so a task may open a nested pool): the same featurize_document -> features.extract chain as daemon_pool_task_uses_executor, but the outer pool is a ProcessPoolExecutor.
"""Featurize a small corpus of documents in parallel (executor outside)."""
import sys
from concurrent.futures import ProcessPoolExecutor

from flowkit.stages import featurize_document

DOCS = [
    "the quick brown fox",
    "jumps over the lazy dog",
    "pack my box with five dozen liquor jugs",
    "how vexingly quick daft zebras jump",
]


def featurize_corpus(docs, workers=2):
    with ProcessPoolExecutor(max_workers=workers) as ex:
        return list(ex.map(featurize_document, docs))


def main():
    feats = featurize_corpus(DOCS)
    for doc, f in zip(DOCS, feats):
        print("%-45s %d" % (doc, f))
    print("RESULT=%d" % sum(feats))
    return 0 if len(feats) == len(DOCS) else 3


if __name__ == "__main__":
    sys.exit(main())
