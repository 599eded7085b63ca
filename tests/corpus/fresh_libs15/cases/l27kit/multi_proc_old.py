"""parallel_map as PyBDSF had it before PR #255: workers put their chunk's results on a managed queue; the
parent joins them and then reads one result per chunk, without looking at how each worker ended."""
import multiprocessing
import sys
import traceback

import numpy


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
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
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
