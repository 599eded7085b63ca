# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: github.com/janzd/EAST/issues/51 -- the working variant: the training data is a Sequence-like object (indexable, module-level class holding a list), which pickles, and each Process reads batches from it by index.
import multiprocessing
import queue as queue_module


class DataSequence:
    def __init__(self, samples, batch_size):
        self.samples = list(samples)
        self.batch_size = batch_size

    def __len__(self):
        return len(self.samples) // self.batch_size

    def __getitem__(self, index):
        start = index * self.batch_size
        return [s * 2 for s in self.samples[start:start + self.batch_size]]


def sequence_task(sequence, output_queue, steps):
    for index in range(steps):
        output_queue.put(sequence[index])


class OrderedEnqueuer:
    def __init__(self, sequence, use_multiprocessing=True):
        self._sequence = sequence
        self._use_multiprocessing = use_multiprocessing
        self.queue = multiprocessing.Queue(maxsize=10)
        self._workers = []

    def start(self, workers=1, steps=2):
        for _ in range(workers):
            worker = multiprocessing.Process(target=sequence_task, args=(self._sequence, self.queue, steps))
            worker.daemon = True
            self._workers.append(worker)
            worker.start()

    def get(self, timeout=10):
        try:
            return self.queue.get(timeout=timeout)
        except queue_module.Empty:
            return None


def fit_generator(sequence, steps_per_epoch, workers=1):
    enqueuer = OrderedEnqueuer(sequence, use_multiprocessing=True)
    enqueuer.start(workers=workers, steps=steps_per_epoch)
    return [enqueuer.get() for _ in range(steps_per_epoch)]


if __name__ == "__main__":
    train_data = DataSequence(range(8), batch_size=2)
    print("RESULT=%s" % fit_generator(train_data, steps_per_epoch=2))
