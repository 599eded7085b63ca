# family: globals
# hazard: parent-state-not-inherited
# line: 24
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: TwiTi's classifier builder set the module global `tweets` at run time and the Pool workers of term_marking read it; on macOS (spawn) the workers saw an empty list, giving "inconsistent numbers of samples" (https://github.com/SamsungLabs/TwiTi/issues/5)
import re
import sys
from multiprocessing import Pool

tweets = []


def _term_marking(term):
    pattern = r"(?<![^\s])%s(?![^\s])" % re.escape(term)
    return [1 if re.search(pattern, text) else 0 for text in tweets]


class ClassifierBuilder:
    def __init__(self, corpus):
        self.corpus = corpus

    def load(self):
        global tweets
        tweets = [line.lower() for line in self.corpus]
        return len(tweets)

    def term_marking(self, terms):
        pool = Pool(2)
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
