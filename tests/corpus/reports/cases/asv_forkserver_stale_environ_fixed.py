# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Fixed near miss of https://github.com/airspeed-velocity/asv/pull/1551 (the merged fix: `_init_global_locks(lock_dict, env)` also applies the parent's environment in each worker, so forkserver children see the activated environment). Same structure as the buggy case.
"""Discover benchmarks, activate an environment, then run the benchmarks in a pool."""
import multiprocessing
import os
import sys

_global_locks = {}


def _init_global_locks(lock_dict, env):
    """Initialize global locks in a new multiprocessing process
    Also inherit the base environment even if using a forkserver"""
    _global_locks.update(lock_dict)
    os.environ.update(env)


def discover(name):
    return name if name.startswith("time_") else None


def run_benchmark(name):
    with _global_locks["results"]:
        env_dir = os.environ.get("ASV_ENV_DIR", "<unset>")
    return name, env_dir


def get_multiprocessing_lock(name):
    return multiprocessing.Lock()


def main():
    lock_dict = {"results": get_multiprocessing_lock("results")}
    names = ["time_sort", "time_hash", "mem_list"]
    with multiprocessing.Pool(2, _init_global_locks, (lock_dict, dict(os.environ))) as pool:
        benchmarks = [n for n in pool.map(discover, names) if n]

    # activate the environment the benchmarks must run in
    os.environ["ASV_ENV_DIR"] = "/tmp/asv-env-py311"
    with multiprocessing.Pool(2, _init_global_locks, (lock_dict, dict(os.environ))) as pool:
        results = dict(pool.map(run_benchmark, benchmarks))
    print("RESULT=%s" % sorted(results.items()))
    return 0 if set(results.values()) == {"/tmp/asv-env-py311"} else 3


if __name__ == "__main__":
    sys.exit(main())
