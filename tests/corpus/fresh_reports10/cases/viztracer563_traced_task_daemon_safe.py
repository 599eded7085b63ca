# family: lifecycle
# hazard: none
# line: none
# files: r10kit/tracer.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/gaogaotiantian/viztracer/pull/563 -- the PR's change: when the decorated function runs in a daemonic process the trace is saved in that process instead of by a new child, so the same Pool experiment finishes and writes its traces
import multiprocessing
import os
import shutil
import sys
import tempfile

from r10kit.tracer import trace_and_save

@trace_and_save(daemon_safe=True)
def crunch(n):
    return sum(i * i for i in range(n * 1000))


class Experiment:
    def __init__(self, sizes, workers=2):
        self.sizes = sizes
        self.workers = workers

    def run(self):
        with multiprocessing.Pool(self.workers) as pool:
            return pool.map(crunch, self.sizes)


def main():
    out_dir = tempfile.mkdtemp(prefix="vt563-")
    os.environ["VT_OUTPUT_DIR"] = out_dir
    try:
        results = Experiment([1, 2, 3]).run()
        traces = [f for f in os.listdir(out_dir) if f.startswith("result_")]
    finally:
        shutil.rmtree(out_dir)
    print("results", results, "traces", len(traces))
    return 0


if __name__ == "__main__":
    sys.exit(main())
