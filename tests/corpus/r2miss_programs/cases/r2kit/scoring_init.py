"""Score documents in a pool whose initializer hands each worker the weights."""
import multiprocessing

_WEIGHTS = None


def _score(doc):
    return sum(_WEIGHTS.get(word, 0) for word in doc.split())


def _init(weights):
    global _WEIGHTS
    _WEIGHTS = weights


def score_all(docs, weights, workers=2):
    global _WEIGHTS
    _WEIGHTS = weights  # (the parent's own copy, for the summary it prints)
    with multiprocessing.Pool(workers, initializer=_init, initargs=(weights,)) as pool:
        return pool.map(_score, docs)
