# family: lifecycle
# hazard: none
# line: none
# timeout: 30
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix of https://github.com/PrefectHQ/prefect/pull/5213 ("Uses queue.get(block=True, timeout=timeout) instead of process.join(timeout)"): the parent drains the result first and joins afterwards, so a large result no longer keeps the child from exiting.
"""Run flow tasks with a timeout, each in its own process."""
import multiprocessing
import queue as queue_module
import sys


def load_rows(n):
    return [{"id": i, "payload": ("row-%d-" % i) * 20} for i in range(n)]


def _run_and_put(fn, args, queue):
    try:
        queue.put(("ok", fn(*args)))
    except Exception as exc:  # noqa: BLE001 - sent back to the parent
        queue.put(("error", repr(exc)))


class TimeoutHandler:
    def __init__(self, timeout):
        self.timeout = timeout

    def run(self, fn, *args):
        queue = multiprocessing.Queue()
        process = multiprocessing.Process(target=_run_and_put, args=(fn, args, queue))
        process.start()
        try:
            status, value = queue.get(block=True, timeout=self.timeout)
        except queue_module.Empty:
            process.terminate()
            raise TimeoutError("Execution timed out after %s seconds" % self.timeout) from None
        process.join()
        if status == "error":
            raise RuntimeError(value)
        return value


def main():
    handler = TimeoutHandler(timeout=10)
    rows = handler.run(load_rows, 5000)
    print("RESULT=%d" % len(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
