# family: joblib
# hazard: by-value-task-captures-unpicklable-global
# line: 22
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 30
# note: A task function of the script guards a shared counter with a module-level threading.Lock; loky's cloudpickle sends the function by value with the globals it reads, so the lock must be pickled: 'Could not pickle the task to send it to the workers' (TypeError: cannot pickle '_thread.lock' object). With multiprocessing's pickle the function would travel by name. Modelled on https://github.com/joblib/joblib/issues/634 and https://github.com/probabl-ai/skore/issues/1790.
import threading

from joblib import Parallel, delayed

STATS_LOCK = threading.Lock()
stats = {"calls": 0}


def score(x):
    with STATS_LOCK:
        stats["calls"] += 1
    return x * x


if __name__ == "__main__":
    print("RESULT=" + str(Parallel(n_jobs=2)(delayed(score)(i) for i in range(6))))
