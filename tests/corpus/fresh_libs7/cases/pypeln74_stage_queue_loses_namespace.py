# family: state
# hazard: getstate-drops-attributes
# line: l7kit/plqueue.py:14 41
# files: l7kit/plqueue.py
# timeout: 20
# expect: fork=ok spawn=error:AttributeError forkserver=error:AttributeError
# note: https://github.com/cgarciae/pypeln/pull/74 -- with the process stages of pypeln under spawn (Windows, macOS) the workers fail with "AttributeError: 'IterableQueue' object has no attribute 'namespace'": spawn pickles the IterableQueue handed to each worker and its __getstate__ exports only the queue, so `namespace` and `exception_queue` are lost, while fork hands the object over unpickled; this program runs a two-stage process pipeline on that queue
import sys
import multiprocessing as mp

from l7kit.plqueue import IterableQueue


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
