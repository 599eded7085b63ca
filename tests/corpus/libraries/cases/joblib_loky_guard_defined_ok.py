# family: joblib
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: False friend: the task function is defined inside the main guard; cloudpickle sends functions of __main__ by value, so loky workers need not find it by name. Modelled on https://github.com/joblib/joblib/issues/389 (functions not importable from a module).
from joblib import Parallel, delayed

if __name__ == "__main__":
    def double(x):
        return 2 * x

    print("RESULT=" + str(Parallel(n_jobs=2)(delayed(double)(i) for i in range(4))))
