# family: conditions
# hazard: none
# line: none
# win32: wrong_result
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss modelled on https://github.com/NabuCasa/snitun/pull/459 (tests fixed for Python 3.14's forkserver default by asking for fork where it exists): the workers read a global set in main(), but the pool comes from get_context("fork") under `if "fork" in get_all_start_methods()`, so they inherit it on every POSIX system.
"""Tokenize texts with a vocabulary loaded at run time."""
import multiprocessing
import sys

VOCAB = None


def load_vocab():
    return {w: i for i, w in enumerate("the a of to and in is it".split())}


def encode(text):
    return [VOCAB.get(w, -1) for w in text.split()]


def pool_context():
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def main():
    global VOCAB
    VOCAB = load_vocab()
    texts = ["the cat is in the hat", "a tale of two cities", "it is what it is"]
    with pool_context().Pool(2) as pool:
        encoded = pool.map(encode, texts)
    known = sum(1 for row in encoded for i in row if i >= 0)
    print("RESULT=%d" % known)
    return 0 if known == 10 else 3


if __name__ == "__main__":
    sys.exit(main())
