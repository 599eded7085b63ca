# family: args
# hazard: unpicklable-argument
# line: 29
# files: rz7kit/tasks.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/fizyr/keras-retinanet/issues/996 -- "TypeError: can't pickle generator objects" from train.py on macOS when the data generator is handed to multiprocessing workers; reduced to a GeneratorEnqueuer that passes a generator returned by a helper to each worker Process
import multiprocessing as mp
import sys

from rz7kit.tasks import batch_generator


def _produce(gen, out):
    for batch in gen:
        out.put(batch)
    out.put(None)


class GeneratorEnqueuer:
    def __init__(self, generator, use_multiprocessing=True):
        self.generator = generator
        self.use_multiprocessing = use_multiprocessing
        self.queue = mp.Queue(maxsize=16)
        self._worker = None

    def start(self):
        self._worker = mp.Process(target=_produce, args=(self.generator, self.queue),
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
    return batch_generator(annotations, batch_size)


def fit_generator(train_gen):
    enq = GeneratorEnqueuer(train_gen)
    enq.start()
    steps = sum(1 for _ in enq.get())
    enq.stop()
    return steps


if __name__ == "__main__":
    print("steps", fit_generator(create_generators(10, 4)))
    sys.exit(0)
