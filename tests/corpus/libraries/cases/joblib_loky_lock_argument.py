# family: joblib
# hazard: unpicklable-argument
# line: 19
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 30
# note: loky's cloudpickle takes lambdas but not locks: a threading.Lock in a task's arguments gives 'Could not pickle the task to send it to the workers' (TypeError: cannot pickle '_thread.lock' object). Modelled on https://github.com/joblib/joblib/issues/634 and https://github.com/probabl-ai/skore/issues/1790.
import threading

from joblib import Parallel, delayed


def record(i, lock):
    with lock:
        return i


if __name__ == "__main__":
    lock = threading.Lock()
    print("RESULT=" + str(Parallel(n_jobs=2)(delayed(record)(i, lock) for i in range(3))))
