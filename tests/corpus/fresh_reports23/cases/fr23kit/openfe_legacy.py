"""OpenFE-like feature search before issue #1 was fixed: the data reaches workers through a global."""
from concurrent.futures import ProcessPoolExecutor


def _score_candidate(name, train_idx, val_idx):
    # reads the module global that fit() assigned in the parent
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
        global _data
        _data = data
        with ProcessPoolExecutor(max_workers=self.n_jobs) as ex:
            futures = [ex.submit(_score_candidate, c, train_idx, val_idx) for c in candidates]
            for fut in futures:
                name, score = fut.result()
                self.scores[name] = score
        return self
