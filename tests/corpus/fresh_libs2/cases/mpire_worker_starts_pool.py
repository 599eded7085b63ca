# family: mpire
# hazard: daemon-children
# line: 19
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# timeout: 30
# note: iree-org/iree-turbine#333 and ARM-software/lisa#1879 (a compile step that opens its own multiprocessing.Pool, called from inside pool workers) with mpire's WorkerPool, whose workers are daemonic by default.
"""Build several kernels; each build compiles its sources with an inner pool."""
import multiprocessing
import sys

from mpire import WorkerPool


def compile_source(name):
    return f"{name}.o"


def build_kernel(kernel, sources, jobs=2):
    with multiprocessing.Pool(jobs) as pool:
        objects = pool.map(compile_source, sources)
    return kernel, objects


def main():
    kernels = {
        "gemm": ["tile", "epilogue"],
        "conv": ["im2col", "gemm_call"],
        "reduce": ["warp", "block"],
    }
    with WorkerPool(n_jobs=2) as pool:
        built = pool.map(build_kernel, list(kernels.items()))
    print(f"RESULT={sorted(k for k, _ in built)}")
    if len(built) != 3:
        sys.exit(3)


if __name__ == "__main__":
    main()
