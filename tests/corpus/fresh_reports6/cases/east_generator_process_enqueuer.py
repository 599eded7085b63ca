# family: args
# hazard: unpicklable-argument
# line: 33
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: github.com/janzd/EAST/issues/51 -- fit_generator(..., use_multiprocessing=True) hands the training data generator to the enqueuer, which starts Processes with it as an argument ("TypeError: can't pickle generator objects" outside fork).
import multiprocessing
import queue as queue_module


def data_generator(samples, batch_size):
    batch = []
    for sample in samples:
        batch.append(sample * 2)
        if len(batch) == batch_size:
            yield batch
            batch = []


def data_generator_task(generator, output_queue, steps):
    for _ in range(steps):
        output_queue.put(next(generator))


class GeneratorEnqueuer:
    def __init__(self, generator, use_multiprocessing=True):
        self._generator = generator
        self._use_multiprocessing = use_multiprocessing
        self.queue = multiprocessing.Queue(maxsize=10)
        self._workers = []

    def start(self, workers=1, steps=2):
        for _ in range(workers):
            worker = multiprocessing.Process(target=data_generator_task, args=(self._generator, self.queue, steps))
            worker.daemon = True
            self._workers.append(worker)
            worker.start()

    def get(self, timeout=10):
        try:
            return self.queue.get(timeout=timeout)
        except queue_module.Empty:
            return None


def fit_generator(generator, steps_per_epoch, workers=1):
    enqueuer = GeneratorEnqueuer(generator, use_multiprocessing=True)
    enqueuer.start(workers=workers, steps=steps_per_epoch)
    return [enqueuer.get() for _ in range(steps_per_epoch)]


if __name__ == "__main__":
    train_data_generator = data_generator(range(8), batch_size=2)
    print("RESULT=%s" % fit_generator(train_data_generator, steps_per_epoch=2))
