# family: lifecycle
# hazard: daemon-children
# line: 27 r10kit/tracer.py:27
# files: r10kit/tracer.py
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: https://github.com/gaogaotiantian/viztracer/pull/563 -- a function decorated with trace_and_save runs inside a daemonic process (a Pool worker) and the decorator starts a process to save the trace, failing with "AssertionError: daemonic processes are not allowed to have children"; the PR checks whether the current process is a daemon
import multiprocessing
import os
import shutil
import sys
import tempfile

from r10kit.tracer import trace_and_save

@trace_and_save
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
