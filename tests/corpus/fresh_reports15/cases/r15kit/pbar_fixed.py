"""progress_map() whose progress queue is made per call, in the parent.

The queue (a manager proxy) reaches the workers through the pool initializer,
the way parallelbar's earlier releases made their progress pipe inside the
call rather than when the package was imported.
"""
import multiprocessing as mp

_WORKER_QUEUE = None


def _init_worker(queue):
    global _WORKER_QUEUE
    _WORKER_QUEUE = queue


def _wrapped(job):
    func, item = job
    result = func(item)
    _WORKER_QUEUE.put(1)
    return result


def _drain(queue):
    done = 0
    while not queue.empty():
        done += queue.get()
    return done


def progress_map(func, tasks, n_cpu=2, context=None, chunk_size=1):
    jobs = [(func, task) for task in tasks]
    ctx = mp.get_context(context)
    with ctx.Manager() as manager:
        queue = manager.Queue()
        with ctx.Pool(n_cpu, initializer=_init_worker, initargs=(queue,)) as pool:
            results = pool.map(_wrapped, jobs, chunksize=chunk_size)
        done = _drain(queue)
    return results, done
