"""A minimal torch-like DataLoader: num_workers processes each receive the dataset and turn
index batches into sample batches."""
import multiprocessing
import queue as queue_mod


def _worker_loop(dataset, index_queue, data_queue):
    while True:
        task = index_queue.get()
        if task is None:
            break
        batch_no, indices = task
        data_queue.put((batch_no, [dataset[i] for i in indices]))


class DataLoader:
    def __init__(self, dataset, batch_size=4, num_workers=2):
        self.dataset = dataset
        self.batch_size = batch_size
        self.num_workers = num_workers

    def __iter__(self):
        indices = list(range(len(self.dataset)))
        batches = [indices[i:i + self.batch_size] for i in range(0, len(indices), self.batch_size)]
        index_queue, data_queue = multiprocessing.Queue(), multiprocessing.Queue()
        workers = [multiprocessing.Process(target=_worker_loop, args=(self.dataset, index_queue, data_queue), daemon=True)
                   for _ in range(self.num_workers)]
        for w in workers:
            w.start()
        for task in enumerate(batches):
            index_queue.put(task)
        try:
            got = {}
            for _ in batches:
                try:
                    batch_no, batch = data_queue.get(timeout=5)
                except queue_mod.Empty:
                    raise RuntimeError("DataLoader worker exited unexpectedly") from None
                got[batch_no] = batch
            for batch_no in sorted(got):
                yield got[batch_no]
        finally:
            for _ in workers:
                index_queue.put(None)
            for w in workers:
                w.join(5)
