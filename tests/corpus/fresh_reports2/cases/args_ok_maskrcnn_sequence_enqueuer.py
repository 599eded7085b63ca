# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The safe form behind https://github.com/matterport/Mask_RCNN/issues/1928 ("cannot pickle 'generator' object" with use_multiprocessing=True): keras recommends a Sequence (an indexable object) for multiprocessing; the enqueuer's workers receive the sequence and an index range, both picklable, and build the batches themselves.
"""Pre-fetch training batches from a data sequence in worker processes."""
import multiprocessing
import sys


class DataSequence:
    def __init__(self, dataset, batch_size):
        self.dataset = dataset
        self.batch_size = batch_size

    def __len__(self):
        return len(self.dataset) // self.batch_size

    def __getitem__(self, index):
        start = index * self.batch_size
        return self.dataset[start:start + self.batch_size]


class OrderedEnqueuer:
    def __init__(self, sequence, use_multiprocessing=True):
        self.sequence = sequence
        self._use_multiprocessing = use_multiprocessing
        self.queue = None
        self._workers = []

    def _run(self, indices):
        for i in indices:
            self.queue.put(self.sequence[i])

    def start(self, workers=1):
        self.queue = multiprocessing.Queue(maxsize=10)
        started = []
        for w in range(workers):
            thread = multiprocessing.Process(target=self._run, args=(list(range(len(self.sequence)))[w::workers],))
            thread.daemon = True
            thread.start()
            started.append(thread)
        self._workers = started

    def get(self, n):
        return [self.queue.get(timeout=10) for _ in range(n)]

    def stop(self):
        for w in self._workers:
            w.join(timeout=5)


def fit(sequence, workers):
    enqueuer = OrderedEnqueuer(sequence, use_multiprocessing=True)
    enqueuer.start(workers=workers)
    try:
        batches = enqueuer.get(len(sequence))
    finally:
        enqueuer.stop()
    return len(batches)


def main():
    train_sequence = DataSequence(list(range(20)), batch_size=4)
    print("RESULT=%d" % fit(train_sequence, workers=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
