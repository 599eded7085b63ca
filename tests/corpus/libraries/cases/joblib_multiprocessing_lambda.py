# family: joblib
# hazard: unpicklable-callable
# line: 9
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: backend='multiprocessing' pickles the batch of delayed calls with pickle: a lambda fails even under fork. Modelled on https://github.com/joblib/joblib/issues/389 (GaelVaroquaux: the function must be importable).
from joblib import Parallel, delayed

if __name__ == "__main__":
    out = Parallel(n_jobs=2, backend="multiprocessing")(delayed(lambda x: x + 1)(i) for i in range(4))
    print("RESULT=" + str(out))
