# family: lifecycle
# hazard: queue-join-deadlock
# line: 31
# timeout: 30
# expect: fork=error:TimeoutError spawn=error:TimeoutError forkserver=error:TimeoutError
# note: Shape of https://github.com/PrefectHQ/prefect/pull/5213 ("joining a process before we've retrieved data from a queue can cause deadlocks. Previously, we even sent a SIGTERM to the process before retrieving the data"; the fix uses queue.get(block=True, timeout=timeout) instead of process.join(timeout)): a task timeout handler runs the task in a child that puts its result on a queue; a result larger than the pipe buffer keeps the child alive, so every task "times out".
"""Run flow tasks with a timeout, each in its own process."""
import multiprocessing
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
        process.join(self.timeout)
        if process.is_alive():
            process.terminate()
            raise TimeoutError("Execution timed out after %s seconds" % self.timeout)
        status, value = queue.get()
        if status == "error":
            raise RuntimeError(value)
        return value


def main():
    handler = TimeoutHandler(timeout=3)
    rows = handler.run(load_rows, 5000)
    print("RESULT=%d" % len(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
