# family: joblib
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 30
# note: False friend: an unguarded script that runs joblib.Parallel at module level; loky's workers are fresh interpreters that do not re-import __main__ (tasks of the script travel by value), so no guard is needed. Observed by running; see https://github.com/joblib/loky README.
from joblib import Parallel, delayed


def slow_square(x):
    return x * x


print("RESULT=" + str(Parallel(n_jobs=2)(delayed(slow_square)(i) for i in range(6))))
