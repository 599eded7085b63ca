# family: conditions
# hazard: none
# line: none
# win32: pickling_error
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss: the pool context is fork whenever "fork" is in multiprocessing.get_all_start_methods(); a fork-context Pool does not pickle its initializer, so the lambda initializer is fine, and the mapped function is module-level. Modelled on https://github.com/KolinGuo/RealRobot/blob/HEAD/real_robot/utils/multiprocessing/__init__.py (context picked by testing get_all_start_methods()).
"""Tokenise documents with a pool whose workers warm a cache at start-up."""
import multiprocessing

if "fork" in multiprocessing.get_all_start_methods():
    CTX = multiprocessing.get_context("fork")
else:
    CTX = multiprocessing.get_context("spawn")

STOPWORDS = set()


def load_stopwords(words):
    STOPWORDS.update(words)


def tokenise(doc):
    return [w for w in doc.lower().split() if w not in STOPWORDS]


def main():
    docs = ["The cat sat on the mat", "A dog and a cat", "Nothing to see here"]
    with CTX.Pool(2, initializer=lambda: load_stopwords({"the", "a", "and", "on", "to"})) as pool:
        print(pool.map(tokenise, docs))


if __name__ == "__main__":
    main()
