# family: args
# hazard: unpicklable-argument
# line: 36 61
# timeout: 20
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/matterport/Mask_RCNN/issues/1928 ("TypeError: cannot pickle 'generator' object" from keras' data_utils on macOS with Python 3.8, when training with use_multiprocessing=True): the enqueuer runs the training data generator in worker processes; the workers are started with the enqueuer's bound method as target, so under spawn the generator it holds is pickled.
"""Pre-fetch training batches from a data generator in worker processes."""
import multiprocessing
import queue
import sys


def data_generator(dataset, batch_size):
    b = 0
    while True:
        start = (b * batch_size) % len(dataset)
        yield dataset[start:start + batch_size]
        b += 1


class GeneratorEnqueuer:
    def __init__(self, generator, use_multiprocessing=True):
        self._generator = generator
        self._use_multiprocessing = use_multiprocessing
        self.queue = None
        self._workers = []

    def _data_generator_task(self, steps):
        for _ in range(steps):
            self.queue.put(next(self._generator))

    def start(self, workers=1, steps=2):
        self.queue = multiprocessing.Queue(maxsize=10)
        started = []
        for _ in range(workers):
            thread = multiprocessing.Process(target=self._data_generator_task, args=(steps,))
            thread.daemon = True
            thread.start()
            started.append(thread)
        self._workers = started

    def get(self, n):
        return [self.queue.get(timeout=10) for _ in range(n)]

    def stop(self):
        for w in self._workers:
            w.join(timeout=5)


def fit_generator(generator, steps_per_epoch, workers):
    enqueuer = GeneratorEnqueuer(generator, use_multiprocessing=True)
    enqueuer.start(workers=workers, steps=steps_per_epoch)
    try:
        batches = enqueuer.get(steps_per_epoch * workers)
    finally:
        enqueuer.stop()
    return len(batches)


def main():
    train_generator = data_generator(list(range(20)), batch_size=4)
    print("RESULT=%d" % fit_generator(train_generator, steps_per_epoch=2, workers=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
