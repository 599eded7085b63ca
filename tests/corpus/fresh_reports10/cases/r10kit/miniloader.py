"""A tiny DataLoader: worker processes get the dataset once (as Process args) and index into it."""
import multiprocessing

_DATASET = None


def _init_worker(dataset):
    global _DATASET
    _DATASET = dataset


def _fetch(indices):
    return [_DATASET[i] for i in indices]


class MiniLoader:
    def __init__(self, dataset, batch_size=4, num_workers=0):
        self.dataset = dataset
        self.batch_size = batch_size
        self.num_workers = num_workers

    def _batches(self):
        idx = list(range(len(self.dataset)))
        return [idx[i:i + self.batch_size] for i in range(0, len(idx), self.batch_size)]

    def __iter__(self):
        if self.num_workers == 0:
            return iter([[self.dataset[i] for i in b] for b in self._batches()])
        with multiprocessing.Pool(self.num_workers, initializer=_init_worker, initargs=(self.dataset,)) as pool:
            return iter(pool.map(_fetch, self._batches()))
