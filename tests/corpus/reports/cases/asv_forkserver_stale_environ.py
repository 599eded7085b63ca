# family: globals
# hazard: forkserver-stale-environment
# line: 40
# expect: fork=ok spawn=ok forkserver=wrong_result
# note: Reduced from https://github.com/airspeed-velocity/asv/pull/1551 ("CI: Python 3.14": asv's benchmark workers did not see the environment the runner set up once the default became forkserver, because the forkserver process was started earlier with the old os.environ; the fix passes the environment through the pool initializer next to the global locks: `_init_global_locks(lock_dict, env)`). Kept: the module-level _global_locks dict filled by the initializer, a discovery pool that runs first (starting the forkserver), then os.environ updated for the selected environment, then the benchmark pool whose tasks read os.environ.
"""Discover benchmarks, activate an environment, then run the benchmarks in a pool."""
import multiprocessing
import os
import sys

_global_locks = {}


def _init_global_locks(lock_dict):
    """Initialize global locks in a new multiprocessing process"""
    _global_locks.update(lock_dict)


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
    with multiprocessing.Pool(2, _init_global_locks, (lock_dict,)) as pool:
        benchmarks = [n for n in pool.map(discover, names) if n]

    # activate the environment the benchmarks must run in
    os.environ["ASV_ENV_DIR"] = "/tmp/asv-env-py311"
    with multiprocessing.Pool(2, _init_global_locks, (lock_dict,)) as pool:
        results = dict(pool.map(run_benchmark, benchmarks))
    print("RESULT=%s" % sorted(results.items()))
    return 0 if set(results.values()) == {"/tmp/asv-env-py311"} else 3


if __name__ == "__main__":
    sys.exit(main())
