# family: daemon
# hazard: daemon-children
# line: 19 37
# timeout: 20
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: Shape of https://github.com/AgnostiqHQ/covalent/issues/562 ("Execution fails when task tries to spawn processes in itself": a workflow node that starts its own processes fails with "daemonic processes are not allowed to have children" when the executor runs nodes in daemonic workers): the local executor runs each electron in a daemon process, and the electron (a kernel-matrix computation) uses a multiprocessing Pool.
"""Run a small workflow whose nodes are executed in separate processes."""
import multiprocessing
import queue
import sys


def kernel_row(args):
    xs, i = args
    return [round(1.0 / (1.0 + abs(xs[i] - x)), 3) for x in xs]


def kernel_matrix(xs):
    with multiprocessing.Pool(2) as pool:
        return pool.map(kernel_row, [(xs, i) for i in range(len(xs))])


def _run_electron(fn, args, results):
    try:
        results.put(("ok", fn(*args)))
    except BaseException as exc:  # noqa: BLE001 - reported to the dispatcher
        results.put(("failed", "%s: %s" % (type(exc).__name__, exc)))
        raise


class LocalExecutor:
    def __init__(self, timeout=10):
        self.timeout = timeout

    def execute(self, fn, *args):
        results = multiprocessing.Queue()
        proc = multiprocessing.Process(target=_run_electron, args=(fn, args, results), daemon=True)
        proc.start()
        try:
            status, value = results.get(timeout=self.timeout)
        except queue.Empty:
            status, value = "failed", "timeout"
        proc.join()
        if status != "ok":
            raise RuntimeError("electron failed: %s" % value)
        return value


def main():
    executor = LocalExecutor()
    matrix = executor.execute(kernel_matrix, [0.0, 0.5, 1.0])
    print("RESULT=%d" % len(matrix))
    return 0


if __name__ == "__main__":
    sys.exit(main())
