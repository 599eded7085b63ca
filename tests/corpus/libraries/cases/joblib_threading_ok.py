# family: joblib
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: False friend: prefer='threads'/backend='threading' runs the tasks in threads: locks and lambdas are fine and nothing needs a guard. Modelled on https://joblib.readthedocs.io/en/stable/parallel.html (thread-based parallelism).
import threading

from joblib import Parallel, delayed

LOCK = threading.Lock()


def record(i, lock):
    with lock:
        return i


print("RESULT=" + str(Parallel(n_jobs=2, backend="threading")(delayed(record)(i, LOCK) for i in range(3))))
