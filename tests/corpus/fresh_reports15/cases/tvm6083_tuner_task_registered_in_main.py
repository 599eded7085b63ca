# family: globals
# hazard: registry-filled-after-import
# line: 30 49
# files: r15kit/autotvm_tasks.py r15kit/measure.py
# expect: fork=ok spawn=error:KeyError forkserver=error:KeyError
# note: https://github.com/apache/tvm/pull/6083 -- with spawn (macOS, Python 3.8) "registered tasks aren't found ... the global TASK_TABLE is empty in some child processes": the test registers its tuning task at run time in the parent, and the LocalExecutor's worker looks the task up by name in the module-level table, which a re-imported child holds empty (only under pytest, i.e. when the registration is not part of the script's import)
import argparse
import sys
from concurrent.futures import ProcessPoolExecutor

from r15kit.autotvm_tasks import create, register_task
from r15kit.measure import MeasureInput, build_and_run


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

    # the test body creates and registers its task, then tunes it
    task = register_task(create("dense_small", args.n, args.m, "dense"))
    best = tune(task, tiles=[4, 8, 16, 32, 64], n_parallel=args.parallel)
    print(f"RESULT={best.tile}:{best.cost}")
    return 0 if (best.tile, best.cost) == (16, 196) else 3


if __name__ == "__main__":
    sys.exit(main())
