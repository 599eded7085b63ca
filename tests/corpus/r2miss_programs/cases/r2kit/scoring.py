"""Score documents in a pool; the weights are kept in a module global so each task stays small."""
import multiprocessing

_WEIGHTS = None


def _score(doc):
    return sum(_WEIGHTS.get(word, 0) for word in doc.split())


def score_all(docs, weights, workers=2):
    global _WEIGHTS
    _WEIGHTS = weights
    with multiprocessing.Pool(workers) as pool:
        return pool.map(_score, docs)

