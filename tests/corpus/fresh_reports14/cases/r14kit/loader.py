"""A DataLoader-like batch loader: each worker process receives the dataset and an index range."""
import multiprocessing


def _worker_loop(dataset, indices, out_queue, worker_id):
    for i in indices:
        out_queue.put((i, dataset[i]))
    out_queue.put((None, worker_id))


class DataLoader:
    def __init__(self, dataset, num_workers: int = 2):
        self.dataset = dataset
        self.num_workers = num_workers

    def __iter__(self):
        n = len(self.dataset)
        if self.num_workers == 0:
            for i in range(n):
                yield self.dataset[i]
            return
        out_queue = multiprocessing.Queue()
        workers = []
        for w in range(self.num_workers):
            indices = list(range(w, n, self.num_workers))
            p = multiprocessing.Process(target=_worker_loop,
                                        args=(self.dataset, indices, out_queue, w), daemon=True)
            p.start()
            workers.append(p)
        done, items = 0, {}
        while done < self.num_workers:
            i, value = out_queue.get(timeout=30)
            if i is None:
                done += 1
            else:
                items[i] = value
        for p in workers:
            p.join()
        for i in sorted(items):
            yield items[i]
