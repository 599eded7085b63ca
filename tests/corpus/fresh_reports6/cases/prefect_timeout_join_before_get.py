# family: queue
# hazard: queue-join-deadlock
# line: 21
# expect: fork=error:TimeoutError spawn=error:TimeoutError forkserver=error:TimeoutError
# note: github.com/PrefectHQ/prefect/pull/5213 -- the multiprocess timeout handler joins the task process with the timeout before taking its result off the queue; a result larger than the pipe buffer keeps the child alive, so a finished task is reported as timed out.
import multiprocessing


def run_task(task, args, result_queue):
    result_queue.put(task(*args))


def build_report(rows):
    return {"rows": ["row %06d %s" % (i, "x" * 40) for i in range(rows)]}


def run_with_timeout(task, args=(), timeout=2.0):
    result_queue = multiprocessing.Queue()
    proc = multiprocessing.Process(target=run_task, args=(task, args, result_queue))
    proc.start()
    proc.join(timeout)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        raise TimeoutError(f"Execution timed out after {timeout} seconds.")
    return result_queue.get()


class FlowRunner:
    def __init__(self, timeout):
        self.timeout = timeout

    def run(self, rows):
        report = run_with_timeout(build_report, (rows,), timeout=self.timeout)
        return len(report["rows"])


if __name__ == "__main__":
    runner = FlowRunner(timeout=2.0)
    print("RESULT=%s" % runner.run(5000))
