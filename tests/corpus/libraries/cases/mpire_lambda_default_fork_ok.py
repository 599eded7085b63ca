# family: mpire
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: False friend: mpire forks by default wherever fork exists (whatever multiprocessing's default), and forked workers inherit the function instead of unpickling it: a lambda works on Linux and macOS. Modelled on https://github.com/sybrenjansen/mpire (mpire/context.py: DEFAULT_START_METHOD is fork wherever fork exists).
from mpire import WorkerPool

if __name__ == "__main__":
    offset = 10
    with WorkerPool(n_jobs=2) as pool:
        print("RESULT=" + str(pool.map(lambda x: x + offset, range(4))))
