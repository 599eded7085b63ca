"""parallel_map after PyBDSF PR #255: a worker that died (non-zero exit code) is reported at once, instead
of the parent waiting for a result that will never be put on the queue."""
import multiprocessing
import sys
import traceback

import numpy


class WorkerDied(RuntimeError):
    pass


def worker(func, idx, chunk, out_q, err_q):
    values = []
    for item in chunk:
        try:
            values.append(func(item))
        except Exception as exc:
            traceback.print_exc(file=sys.stdout)
            err_q.put(repr(exc))
            return
    out_q.put((idx, values))


def run_tasks(procs, err_q, out_q, num):
    try:
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join()
            if proc.exitcode != 0:
                raise WorkerDied(f"Process {proc.name} died unexpectedly (exit code: {proc.exitcode})")
    except Exception:
        for proc in procs:
            if proc.exitcode is None:
                proc.terminate()
        raise
    if not err_q.empty():
        raise RuntimeError(err_q.get())
    results = [None] * num
    for _ in range(num):
        idx, values = out_q.get()
        results[idx] = values
    return [v for chunk in results for v in chunk]


def parallel_map(func, sequence, numcores=2):
    sequence = numpy.array(list(sequence), dtype=object)
    manager = multiprocessing.Manager()
    out_q = manager.Queue()
    err_q = manager.Queue()
    chunks = numpy.array_split(sequence, min(numcores, len(sequence)))
    procs = [multiprocessing.Process(target=worker, args=(func, ii, chunk, out_q, err_q))
             for ii, chunk in enumerate(chunks)]
    try:
        return run_tasks(procs, err_q, out_q, len(chunks))
    finally:
        manager.shutdown()
