# family: joblib
# hazard: process-started-at-import
# line: 16
# expect: fork=bootstrap_error+hang spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# timeout: 12
# note: Parallel given a multiprocessing context as its backend (joblib: the multiprocessing backend with that context; https://github.com/joblib/joblib/issues/448 'it can only take strings or a multiprocessing context'), at module level with a spawn context: the workers re-import the script whatever the default start method, and the run hangs as in joblib_multiprocessing_at_import (https://github.com/joblib/joblib/issues/774).
import multiprocessing

from joblib import Parallel, delayed


def square(x):
    return x * x


print("RESULT=" + str(Parallel(n_jobs=2, backend=multiprocessing.get_context("spawn"))(delayed(square)(i) for i in range(6))))
