# family: mpire
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: False friend: the same spawn pool with use_dill=True (multiprocess and dill underneath): the lambda crosses. Modelled on https://github.com/sybrenjansen/mpire/issues/94 (use_dill=True).
from mpire import WorkerPool

if __name__ == "__main__":
    with WorkerPool(n_jobs=2, start_method="spawn", use_dill=True) as pool:
        print("RESULT=" + str(pool.map(lambda x: x * 2, range(4))))
