"""sherpa.utils.parallel-like helpers: split a sequence over processes of a chosen context."""
import logging
import multiprocessing

warning = logging.getLogger(__name__).warning

# what ~/.sherpa.rc would say ([multiprocessing] multiprocessing_start_method)
CONFIG = {"multiprocessing_start_method": "fork", "numcores": 2}


def context_for(method):
    """The context for a configured method; None (run serially) when the platform lacks it."""
    try:
        if method == "default":
            return multiprocessing.get_context()
        return multiprocessing.get_context(method)
    except ValueError as exc:
        warning("parallel processing is unavailable: %s", exc)
        return None


def split_array(arr, m):
    n = len(arr)
    idx = [int(round(i * n / float(m))) for i in range(m + 1)]
    return [arr[idx[i]:idx[i + 1]] for i in range(m)]


def worker(f, idx, chunk, out_q, err_q):
    try:
        vals = [f(c) for c in chunk]
    except Exception as e:
        err_q.put(e)
        return
    out_q.put((idx, vals))


def run_tasks(procs, err_q, out_q):
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    if not err_q.empty():
        raise err_q.get()
    results = [None] * len(procs)
    while not out_q.empty():
        idx, vals = out_q.get()
        results[idx] = vals
    out = []
    for r in results:
        if r is None:
            raise RuntimeError("task failed")
        out.extend(r)
    return out


def parallel_map(function, sequence, numcores=None, context=None):
    if context is None or numcores == 1 or len(sequence) < 2:
        return list(map(function, sequence))
    numcores = min(numcores or CONFIG["numcores"], len(sequence))
    manager = context.Manager()
    out_q, err_q = manager.Queue(), manager.Queue()
    procs = [context.Process(target=worker, args=(function, idx, chunk, out_q, err_q))
             for idx, chunk in enumerate(split_array(sequence, numcores))]
    try:
        return run_tasks(procs, err_q, out_q)
    finally:
        manager.shutdown()
