# family: daemon
# hazard: none
# line: none
# timeout: 20
# expect: fork=ok spawn=ok forkserver=ok
# note: The variant that works in the situation of https://github.com/AgnostiqHQ/covalent/issues/562 ("Execution fails when task tries to spawn processes in itself"): the executor runs each electron in a concurrent.futures.ProcessPoolExecutor, whose workers are not daemonic, so the electron may start its own multiprocessing Pool.
"""Run a small workflow whose nodes are executed in separate processes."""
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor


def kernel_row(args):
    xs, i = args
    return [round(1.0 / (1.0 + abs(xs[i] - x)), 3) for x in xs]


def kernel_matrix(xs):
    with multiprocessing.Pool(2) as pool:
        return pool.map(kernel_row, [(xs, i) for i in range(len(xs))])


class LocalExecutor:
    def __init__(self, timeout=10):
        self.timeout = timeout

    def execute(self, fn, *args):
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(fn, *args).result(timeout=self.timeout)


def main():
    executor = LocalExecutor()
    matrix = executor.execute(kernel_matrix, [0.0, 0.5, 1.0])
    print("RESULT=%d" % len(matrix))
    return 0


if __name__ == "__main__":
    sys.exit(main())
