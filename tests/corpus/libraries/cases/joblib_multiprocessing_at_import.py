# family: joblib
# hazard: process-started-at-import
# line: 14
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# timeout: 12
# note: Parallel(backend='multiprocessing') at module level: unlike loky, a multiprocessing pool's spawned workers re-import the script and the run hangs. Modelled on https://github.com/joblib/joblib/issues/774 (a backend='multiprocessing' script) and https://github.com/python/cpython/issues/109124 (spawned workers re-import the script).
from joblib import Parallel, delayed


def slow_square(x):
    return x * x


print("RESULT=" + str(Parallel(n_jobs=2, backend="multiprocessing")(delayed(slow_square)(i) for i in range(6))))
