# family: globals
# hazard: none
# line: none
# files: r15kit/autotvm_tasks.py r15kit/measure.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/apache/tvm/pull/6083 -- the working variant from the same report: "Running the test file directly (without pytest) gives no errors" because the task is registered while the script is imported, so a spawned child that re-imports the main module fills TASK_TABLE before the worker looks the task up by name
import argparse
import sys
from concurrent.futures import ProcessPoolExecutor

from r15kit.autotvm_tasks import create, register_task
from r15kit.measure import MeasureInput, build_and_run

# registered at import time, so a re-imported main module registers it again
DENSE_TASK = register_task(create("dense_small", 100, 16, "dense"))


class LocalRunner:
    """Measures candidate configs in worker processes, like autotvm's LocalRunner."""

    def __init__(self, n_parallel=2):
        self.n_parallel = n_parallel
        self.executor = None

    def __enter__(self):
        self.executor = ProcessPoolExecutor(max_workers=self.n_parallel)
        return self

    def __exit__(self, *exc):
        self.executor.shutdown()

    def measure_batch(self, inputs):
        futures = [self.executor.submit(build_and_run, inp) for inp in inputs]
        return [f.result() for f in futures]


def tune(task, tiles, n_parallel):
    inputs = [MeasureInput(task.name, {"tile": t}) for t in tiles]
    with LocalRunner(n_parallel) as runner:
        results = runner.measure_batch(inputs)
    return min(results, key=lambda r: (r.cost, r.tile))


def main(argv=None):
    parser = argparse.ArgumentParser(description="tune one dense kernel")
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--m", type=int, default=16)
    parser.add_argument("--parallel", type=int, default=2)
    args = parser.parse_args(argv)

    # the script tunes the task it registered when it was imported
    task = DENSE_TASK
    if task.args != (args.n, args.m):
        parser.error("this script tunes the registered 100x16 task only")
    best = tune(task, tiles=[4, 8, 16, 32, 64], n_parallel=args.parallel)
    print(f"RESULT={best.tile}:{best.cost}")
    return 0 if (best.tile, best.cost) == (16, 196) else 3


if __name__ == "__main__":
    sys.exit(main())
