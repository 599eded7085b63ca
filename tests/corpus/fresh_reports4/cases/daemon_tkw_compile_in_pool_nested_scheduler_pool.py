# family: daemon
# hazard: daemon-children
# line: tkwkit/scheduler.py:14
# files: tkwkit/__init__.py tkwkit/graph_utils.py tkwkit/scheduler.py
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: Shape of https://github.com/iree-org/iree-turbine/pull/333 ("[TKW] Avoid nested multiprocessing.Pool usage ... This fixes a crash when compilation itself is called from inside multiprocessing.Pool processes"): a benchmark script compiles kernels in a Pool, and the library's modulo scheduler opens its own Pool for the all-pairs longest paths.
import sys
from multiprocessing import Pool

from tkwkit.scheduler import ModuloScheduler

KERNELS = {
    "gemm": {(0, 1): 2, (1, 2): 3, (2, 3): 1},
    "attention": {(0, 1): 1, (1, 2): 4, (0, 2): 2, (2, 3): 2},
}


def compile_kernel(name):
    edges = KERNELS[name]
    num_nodes = 1 + max(max(pair) for pair in edges)
    initiation_interval = ModuloScheduler(edges, num_nodes).schedule_graph()
    return name, initiation_interval


def run_benchmarks(names):
    with Pool(2) as pool:
        return dict(pool.map(compile_kernel, names))


if __name__ == "__main__":
    schedules = run_benchmarks(sorted(KERNELS))
    print("RESULT=%s" % sorted(schedules.items()))
    sys.exit(0 if len(schedules) == 2 else 3)
