# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the solution posted in TwiTi #5: hand the tweets to each worker with Pool(initializer=init_pool, initargs=(tweets,)) (https://github.com/SamsungLabs/TwiTi/issues/5)
import re
import sys
from multiprocessing import Pool

tweets = []


def init_pool(_tweets):
    global tweets
    tweets = _tweets


def _term_marking(term):
    pattern = r"(?<![^\s])%s(?![^\s])" % re.escape(term)
    return [1 if re.search(pattern, text) else 0 for text in tweets]


class ClassifierBuilder:
    def __init__(self, corpus):
        self.corpus = corpus
        self.tweets = []

    def load(self):
        self.tweets = [line.lower() for line in self.corpus]
        return len(self.tweets)

    def term_marking(self, terms):
        pool = Pool(2, initializer=init_pool, initargs=(self.tweets,))
        try:
            return pool.map(_term_marking, terms)
        finally:
            pool.close()
            pool.join()


if __name__ == "__main__":
    builder = ClassifierBuilder(["New CVE exploit released", "patch tuesday fixes exploit", "hello world"])
    n = builder.load()
    matrix = builder.term_marking(["exploit", "patch"])
    print("RESULT=%s" % [len(row) for row in matrix])
    sys.exit(0 if all(len(row) == n for row in matrix) else 3)
