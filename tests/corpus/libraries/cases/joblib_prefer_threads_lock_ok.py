# family: joblib
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: False friend: Parallel(prefer='threads') shares a threading.Lock between tasks; with threads nothing is pickled. Modelled on https://joblib.readthedocs.io/en/stable/parallel.html (prefer='threads', require='sharedmem').
import threading

from joblib import Parallel, delayed

counter = {"n": 0}
lock = threading.Lock()


def bump(i, lock):
    with lock:
        counter["n"] += i
    return i


if __name__ == "__main__":
    Parallel(n_jobs=2, prefer="threads")(delayed(bump)(i, lock) for i in range(5))
    Parallel(n_jobs=2, require="sharedmem")(delayed(bump)(i, lock) for i in range(5))
    print("RESULT=" + str(counter["n"]))
