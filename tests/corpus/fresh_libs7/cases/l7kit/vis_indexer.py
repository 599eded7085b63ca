"""An interval indexer in the shape of vis-framework's indexers (vis/analyzers/indexer.py).

The indexer spreads its work over a multiprocessing.Pool unless the settings turn that off."""
import multiprocessing as mp

DEFAULT_SETTINGS = {"mp": True, "cores": 2, "quality": False}


def _interval_of(pair):
    """Semitones between two pitches given as MIDI numbers."""
    upper, lower = pair
    return abs(upper - lower) % 12


class Indexer:
    def __init__(self, score, settings=None):
        self._score = list(score)
        self._settings = dict(DEFAULT_SETTINGS)
        if settings:
            self._settings.update(settings)

    def _combinations(self):
        parts = self._score
        return [(parts[i][k], parts[j][k])
                for i in range(len(parts)) for j in range(i + 1, len(parts))
                for k in range(min(len(parts[i]), len(parts[j])))]

    def _do_multiprocessing(self, combinations):
        pool = mp.Pool(self._settings["cores"])
        try:
            return pool.map(_interval_of, combinations)
        finally:
            pool.close()
            pool.join()


class IntervalIndexer(Indexer):
    def run(self):
        combinations = self._combinations()
        if self._settings["mp"]:
            results = self._do_multiprocessing(combinations)
        else:
            results = [_interval_of(c) for c in combinations]
        return {"intervals": results, "count": len(results)}
