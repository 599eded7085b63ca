# family: joblib
# hazard: unpicklable-argument
# line: 19
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: The backend is chosen by an enclosing `with parallel_config(backend='multiprocessing')`; each task carries a threading.Lock: TypeError: cannot pickle '_thread.lock' object. Modelled on https://github.com/joblib/joblib/issues/634 (handlers holding locks).
import threading

from joblib import Parallel, delayed, parallel_config


def record(i, lock):
    with lock:
        return i


if __name__ == "__main__":
    lock = threading.Lock()
    with parallel_config(backend="multiprocessing"):
        print("RESULT=" + str(Parallel(n_jobs=2)(delayed(record)(i, lock) for i in range(3))))
