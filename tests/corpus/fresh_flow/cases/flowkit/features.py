"""Feature extraction that parallelises over a process pool of its own."""
from concurrent.futures import ProcessPoolExecutor


def _word_weight(word):
    return sum(ord(c) for c in word) % 97


def extract(words, workers=2):
    with ProcessPoolExecutor(max_workers=workers) as ex:
        return sum(ex.map(_word_weight, words))
