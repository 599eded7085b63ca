# family: guard
# hazard: unguarded-tuner-start-at-module-level
# line: 21
# files: r21kit/ciq_worker.py r21kit/ciq_tuner.py
# timeout: 30
# expect: fork=bootstrap_error spawn=bootstrap_error forkserver=bootstrap_error
# note: https://github.com/NVIDIA/CompileIQ/pull/46 -- "Guard runnable Getting Started snippets with __main__": both snippets call tuner.start() at module top level; the default MultiProcessWorker calls multiprocessing.set_start_method(...) at import (CIQ_PROCESS_MODE, default forkserver; spawn on Windows), so the script is imported again in the child processes and the top-level start() runs there: RuntimeError "An attempt has been made to start a new process before the current process has finished its bootstrapping phase", whatever the platform default
"""Create your first search: tune two compiler flags for a synthetic objective."""
from r21kit.ciq_tuner import SearchSpace, Tuner


def objective(unroll: int, vectorize: bool) -> float:
    # a stand-in for compiling and timing a kernel with these flags
    cost = 10.0 / unroll + (0.5 if not vectorize else 0.0) + 0.3 * unroll
    return round(cost, 3)


space = SearchSpace(params={"unroll": [1, 2, 4, 8], "vectorize": [False, True]})

tuner = Tuner(space, objective, num_workers=2, cache_folder="/tmp/ciq-first-search")
best = tuner.start()

print(f"RESULT=best:{best}")
