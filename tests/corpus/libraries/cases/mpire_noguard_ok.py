# family: mpire
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: False friend: an unguarded mpire pool at module level; mpire forks on Linux (and macOS) even when multiprocessing's default is spawn, so nothing re-imports the script. Modelled on https://github.com/sybrenjansen/mpire (README quick start).
from mpire import WorkerPool


def square(x):
    return x * x


with WorkerPool(n_jobs=2) as pool:
    print("RESULT=" + str(pool.map(square, range(5))))
