"""SPACES-Pytorch snippets.py (copied from bert4keras): parallel_apply_generator with a nested worker."""
from multiprocessing import Pool, Queue


def parallel_apply_generator(func, iterable, workers, max_queue_size):
    in_queue, out_queue = Queue(max_queue_size), Queue()

    def worker_step(in_queue, out_queue):
        while True:
            i, d = in_queue.get()
            if i is None:
                break
            out_queue.put((i, func(d)))

    pool = Pool(workers, worker_step, (in_queue, out_queue))
    items = list(enumerate(iterable))
    for i, d in items:
        in_queue.put((i, d))
    for _ in items:
        yield out_queue.get()
    for _ in range(workers):
        in_queue.put((None, None))
    pool.close()
    pool.join()


def parallel_apply(func, iterable, workers=2, max_queue_size=16):
    generator = parallel_apply_generator(func, iterable, workers, max_queue_size)
    return [d for i, d in sorted(generator)]
