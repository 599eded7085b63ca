# family: args
# hazard: none
# line: none
# files: rz7kit/tasks.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/fizyr/keras-retinanet/issues/996 -- the Sequence route keras recommends for multiprocessing: the worker receives an index-addressable BatchSequence (lists and ints) instead of a generator object
import multiprocessing as mp
import sys

from rz7kit.tasks import BatchSequence


def _produce(seq, out):
    for i in range(len(seq)):
        out.put(seq[i])
    out.put(None)


class OrderedEnqueuer:
    def __init__(self, sequence, use_multiprocessing=True):
        self.sequence = sequence
        self.use_multiprocessing = use_multiprocessing
        self.queue = mp.Queue(maxsize=16)
        self._worker = None

    def start(self):
        self._worker = mp.Process(target=_produce, args=(self.sequence, self.queue),
                                  daemon=True)
        self._worker.start()

    def get(self):
        while True:
            item = self.queue.get(timeout=10)
            if item is None:
                return
            yield item

    def stop(self):
        self._worker.join(5)


def create_generators(n_images, batch_size):
    annotations = [f"img_{i:03d}.jpg" for i in range(n_images)]
    return BatchSequence(annotations, batch_size)


def fit_generator(train_seq):
    enq = OrderedEnqueuer(train_seq)
    enq.start()
    steps = sum(1 for _ in enq.get())
    enq.stop()
    return steps


if __name__ == "__main__":
    print("steps", fit_generator(create_generators(10, 4)))
    sys.exit(0)
