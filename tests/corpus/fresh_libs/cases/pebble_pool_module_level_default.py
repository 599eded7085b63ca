# family: pebble
# hazard: missing-main-guard
# line: 39
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 30
# note: A benchmark script that builds a pebble ProcessPool at module level with the default context. Where fork is the default it works; under spawn or forkserver (macOS, Windows, Python 3.14 on Linux) the workers re-import the script and reach the pool again: "An attempt has been made to start a new process before ... bootstrapping phase". Shape of https://github.com/noxdafox/pebble/issues/126 (pools created at notebook/module level, the jobs stuck) and https://github.com/noxdafox/pebble/issues/146 ("on Linux if fork is disabled").
"""Time a few sorting strategies in a process pool with per-task timeouts."""
import random
import time

from pebble import ProcessPool

random.seed(7)
DATA = [random.random() for _ in range(3_000)]


def insertion_sort(values):
    values = list(values)
    for i in range(1, len(values)):
        key, j = values[i], i - 1
        while j >= 0 and values[j] > key:
            values[j + 1] = values[j]
            j -= 1
        values[j + 1] = key
    return values


def builtin_sort(values):
    return sorted(values)


def timed(name):
    func = {"insertion": insertion_sort, "builtin": builtin_sort}[name]
    started = time.perf_counter()
    out = func(DATA[:600])
    return name, time.perf_counter() - started, out == sorted(DATA[:600])


pool = ProcessPool(max_workers=2)
futures = [pool.schedule(timed, args=(name,), timeout=20) for name in ("insertion", "builtin")]
results = [f.result() for f in futures]
pool.close()
pool.join()

for name, seconds, correct in results:
    print(f"{name:>10}: {seconds * 1000:.1f} ms, correct={correct}")
print("RESULT=" + str(all(c for _, _, c in results)))
