"""OpenFE-like feature search in the direction the maintainers took for issue #1: the data is given
to every worker by the executor's initializer, so spawned workers have it too."""
from concurrent.futures import ProcessPoolExecutor

_data = None


def _init_worker(data):
    global _data
    _data = data


def _score_candidate(name, train_idx, val_idx):
    data_temp = [_data[i] for i in train_idx + val_idx]
    left, _, right = name.partition("*")
    values = [row[left] * row[right] for row in data_temp]
    mean = sum(values) / len(values)
    return name, round(mean, 4)


class OpenFE:
    def __init__(self, n_jobs=2):
        self.n_jobs = n_jobs
        self.scores = {}

    def fit(self, data, candidates, train_idx, val_idx):
        with ProcessPoolExecutor(max_workers=self.n_jobs, initializer=_init_worker,
                                 initargs=(data,)) as ex:
            futures = [ex.submit(_score_candidate, c, train_idx, val_idx) for c in candidates]
            for fut in futures:
                name, score = fut.result()
                self.scores[name] = score
        return self
