"""A serverless job runner (reduced from pywren_ibm_cloud/function/jobrunner.py).

Each call runs in its own daemonic process so a runaway function cannot keep
the invoker alive; the result travels back through a queue.
"""
import multiprocessing
import traceback


def _run_call(func, args, result_queue):
    try:
        result_queue.put(("ok", func(*args)))
    except Exception as e:
        traceback.print_exc()
        result_queue.put(("error", repr(e)))


class JobRunner:
    def __init__(self, timeout=10):
        self.timeout = timeout

    def run(self, func, args):
        result_queue = multiprocessing.Queue()
        proc = multiprocessing.Process(target=_run_call, args=(func, args, result_queue))
        proc.daemon = True
        proc.start()
        try:
            status, value = result_queue.get(timeout=self.timeout)
        finally:
            proc.join(self.timeout)
        if status != "ok":
            raise RuntimeError(f"function failed in the runner: {value}")
        return value
