"""batchgenerators-like data loading: a data loader base class and the MultiThreadedAugmenter, which runs the
loader and its transforms in background processes and hands their batches over through queues."""
import multiprocessing as mp
import queue
import time

import numpy as np


class SlimDataLoaderBase:
    def __init__(self, data, batch_size, number_of_threads_in_multithreaded=None):
        self._data = data
        self.batch_size = batch_size
        self.thread_id = 0
        self.number_of_threads_in_multithreaded = number_of_threads_in_multithreaded

    def set_thread_id(self, thread_id):
        self.thread_id = thread_id

    def __iter__(self):
        return self

    def __next__(self):
        return self.generate_train_batch()

    def generate_train_batch(self):
        raise NotImplementedError


class MirrorTransform:
    def __init__(self, axes=(0,)):
        self.axes = axes

    def __call__(self, **data_dict):
        data_dict["data"] = np.flip(data_dict["data"], axis=[a + 2 for a in self.axes]).copy()
        return data_dict


def producer(out_queue, data_loader, transform, thread_id, seed):
    np.random.seed(seed)
    data_loader.set_thread_id(thread_id)
    while True:
        item = next(data_loader)
        if transform is not None:
            item = transform(**item)
        out_queue.put(item)


class MultiThreadedAugmenter:
    def __init__(self, data_loader, transform, num_processes, num_cached_per_queue=2, seeds=None):
        self.generator = data_loader
        self.transform = transform
        self.num_processes = num_processes
        self.num_cached_per_queue = num_cached_per_queue
        self.seeds = seeds or list(range(num_processes))
        self._queues = []
        self._processes = []
        self._next_queue = 0

    def _start(self):
        for i in range(self.num_processes):
            q = mp.Queue(self.num_cached_per_queue)
            p = mp.Process(target=producer, args=(q, self.generator, self.transform, i, self.seeds[i]), daemon=True)
            p.start()
            self._queues.append(q)
            self._processes.append(p)

    def __iter__(self):
        return self

    def __next__(self):
        if not self._processes:
            self._start()
        q = self._queues[self._next_queue]
        self._next_queue = (self._next_queue + 1) % self.num_processes
        deadline = time.monotonic() + 30
        while True:
            try:
                return q.get(timeout=0.5)
            except queue.Empty:
                if not all(p.is_alive() for p in self._processes) or time.monotonic() > deadline:
                    self._finish()
                    raise RuntimeError("One or more background workers are no longer alive. Exiting. Please check "
                                       "the print statements above for the actual error message")

    def _finish(self):
        for p in self._processes:
            if p.is_alive():
                p.terminate()
        for p in self._processes:
            p.join()
        self._processes = []
        self._queues = []
