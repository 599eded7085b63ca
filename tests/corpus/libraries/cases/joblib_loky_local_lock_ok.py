# family: joblib
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: False friend: the same task creates its lock where it runs (and reads only picklable module-level settings), so cloudpickle has nothing to refuse. Modelled on https://joblib.readthedocs.io/en/stable/parallel.html (serialization of tasks).
import threading

from joblib import Parallel, delayed

SETTINGS = {"power": 2}


def score(x):
    lock = threading.Lock()
    with lock:
        return x ** SETTINGS["power"]


if __name__ == "__main__":
    print("RESULT=" + str(Parallel(n_jobs=2)(delayed(score)(i) for i in range(6))))
