"""Multi-process server runner in the style of aiotools.server.start_server.

The caller hands in its own ``main`` function; each worker process calls it with
its index and the extra arguments and reports what it returned on a queue.
"""
import multiprocessing
import queue as queue_mod
from dataclasses import dataclass, field


@dataclass
class ServerReport:
    worker_results: list = field(default_factory=list)
    exit_codes: list = field(default_factory=list)


def _worker_entry(main_func, worker_id, extra_args, result_q):
    value = main_func(worker_id, *extra_args)
    result_q.put((worker_id, value))


def start_server(main_func, num_workers=2, args=(), timeout=10.0):
    result_q = multiprocessing.Queue()
    procs = []
    for worker_id in range(num_workers):
        proc = multiprocessing.Process(target=_worker_entry,
                                       args=(main_func, worker_id, args, result_q))
        proc.start()
        procs.append(proc)
    report = ServerReport()
    for _ in procs:
        try:
            report.worker_results.append(result_q.get(timeout=timeout))
        except queue_mod.Empty:
            break
    for proc in procs:
        proc.join()
        report.exit_codes.append(proc.exitcode)
    report.worker_results.sort()
    return report
