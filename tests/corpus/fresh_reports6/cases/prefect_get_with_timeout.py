# family: queue
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: github.com/PrefectHQ/prefect/pull/5213 -- the merged change: the handler waits on queue.get(block=True, timeout=timeout) and joins the process only after the result has been taken off the queue.
import multiprocessing
import queue as queue_module


def run_task(task, args, result_queue):
    result_queue.put(task(*args))


def build_report(rows):
    return {"rows": ["row %06d %s" % (i, "x" * 40) for i in range(rows)]}


def run_with_timeout(task, args=(), timeout=10.0):
    result_queue = multiprocessing.Queue()
    proc = multiprocessing.Process(target=run_task, args=(task, args, result_queue))
    proc.start()
    try:
        result = result_queue.get(block=True, timeout=timeout)
    except queue_module.Empty:
        proc.terminate()
        proc.join()
        raise TimeoutError(f"Execution timed out after {timeout} seconds.")
    proc.join()
    return result


class FlowRunner:
    def __init__(self, timeout):
        self.timeout = timeout

    def run(self, rows):
        report = run_with_timeout(build_report, (rows,), timeout=self.timeout)
        return len(report["rows"])


if __name__ == "__main__":
    runner = FlowRunner(timeout=10.0)
    print("RESULT=%s" % runner.run(5000))
