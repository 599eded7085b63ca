# family: joblib
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 12
# note: False friend of joblib_context_backend_at_import: the same unguarded module-level Parallel with multiprocessing.get_context('fork') as its backend: the workers are forked under every default and never re-import the script (https://github.com/joblib/joblib/issues/448).
import multiprocessing

from joblib import Parallel, delayed


def square(x):
    return x * x


print("RESULT=" + str(Parallel(n_jobs=2, backend=multiprocessing.get_context("fork"))(delayed(square)(i) for i in range(6))))
