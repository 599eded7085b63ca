# family: poolctx
# hazard: pool-results-lost
# line: 38
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: https://github.com/ghislainv/riskmapjnr/issues/5 -- an indexer schedules apply_async with a callback into self.index and leaves the with-Pool block without close()/join().
"""Search indexer: tokenizes documents in a pool and builds an inverted index."""
import multiprocessing as mp
import sys
import time
from collections import defaultdict

DOCS = {
    1: "fast parallel search",
    2: "parallel index build",
    3: "search index tuning",
    4: "fast index",
}


def tokenize(doc_id, text):
    time.sleep(0.2)  # stands in for a slow analyzer
    return doc_id, sorted(set(text.split()))


class Indexer:
    def __init__(self, workers=2):
        self.workers = workers
        self.index = defaultdict(set)

    def _merge(self, result):
        doc_id, terms = result
        for term in terms:
            self.index[term].add(doc_id)

    def build(self, docs):
        with mp.Pool(self.workers) as pool:
            for doc_id, text in docs.items():
                pool.apply_async(tokenize, (doc_id, text), callback=self._merge)
        return self.index


if __name__ == "__main__":
    index = Indexer().build(DOCS)
    print("RESULT=" + str(sorted(index.get("index", ()))))
    sys.exit(0 if index.get("index") == {2, 3, 4} else 3)
