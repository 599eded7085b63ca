# family: state
# hazard: none
# line: none
# files: l7kit/plqueue.py l7kit/plqueue_fixed.py
# timeout: 20
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/cgarciae/pypeln/pull/74 -- the PR's fix: IterableQueue's __getstate__/__setstate__ also carry `namespace` and `exception_queue`, so the copy a spawned worker unpickles is complete and the stage finishes under every start method
import sys
import multiprocessing as mp

from l7kit.plqueue_fixed import IterableQueue


def slow_square(x):
    return x * x


class StageWorker:
    """One worker of a `pl.process.map` stage."""

    def __init__(self, f, stage_input, stage_output):
        self.f = f
        self.stage_input = stage_input
        self.stage_output = stage_output

    def __call__(self):
        try:
            for x in self.stage_input:
                self.stage_output.put(self.f(x))
        except BaseException as exc:
            self.stage_output.raise_exception(exc)
            raise
        finally:
            self.stage_output.done()


def run_stage(f, elements):
    output = IterableQueue(total_sources=1)
    worker = StageWorker(f, list(elements), output)
    process = mp.Process(target=worker)
    process.start()
    try:
        results = output.drain(timeout=5)
    finally:
        process.join(timeout=5)
    if process.exitcode != 0:
        raise RuntimeError(f"stage worker exited with {process.exitcode}")
    return results


def main():
    stage = run_stage(slow_square, range(1, 6))
    print("RESULT=", sum(stage))
    return 0


if __name__ == "__main__":
    sys.exit(main())
