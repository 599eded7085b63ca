"""progress_map(): Pool.map with a progress count (after parallelbar 2.3.1).

Workers report each finished task on the module-level worker queue.
"""
import multiprocessing as mp

from .pbar_queue import _WORKER_QUEUE


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
    with ctx.Pool(n_cpu) as pool:
        results = pool.map(_wrapped, jobs, chunksize=chunk_size)
    return results, _drain(_WORKER_QUEUE)
