# family: mpire
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 40
# note: mpire's WorkerPool(daemon=False) option for nested pools, the fix asked for in noxdafox/pebble#76 and pgjones/hypercorn#245: the same build-with-inner-pool job runs because the outer workers are not daemonic (the inner pool is closed and joined, not terminated).
"""Build several kernels; outer mpire workers are non-daemonic so they may start pools."""
import multiprocessing
import sys

from mpire import WorkerPool


def compile_source(name):
    return f"{name}.o"


def build_kernel(kernel, sources, jobs=2):
    pool = multiprocessing.Pool(jobs)
    try:
        objects = pool.map(compile_source, sources)
    finally:
        pool.close()
        pool.join()
    return kernel, objects


def main():
    kernels = {
        "gemm": ["tile", "epilogue"],
        "conv": ["im2col", "gemm_call"],
    }
    with WorkerPool(n_jobs=2, daemon=False) as pool:
        built = pool.map(build_kernel, list(kernels.items()))
    print(f"RESULT={sorted(k for k, _ in built)}")
    if sorted(k for k, _ in built) != ["conv", "gemm"]:
        sys.exit(3)


if __name__ == "__main__":
    main()
