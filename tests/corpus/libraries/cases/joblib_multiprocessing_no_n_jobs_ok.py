# family: joblib
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 60
# note: False friend: `Parallel(backend="multiprocessing")` with a lambda looks like joblib#389's pickling failure, but no `n_jobs` is given and no parallel_config is in force, so joblib 1.6 takes n_jobs=None as 1 and runs every call in the parent (its docstring: "None is a marker for 'unset' that will be interpreted as n_jobs=1 unless the call is performed under a parallel_config() context manager"); nothing is pickled and the results print under every start method.
from joblib import Parallel, delayed


def normalise(rows):
    top = max(rows)
    return Parallel(backend="multiprocessing")(delayed(lambda r: round(r / top, 3))(r) for r in rows)


if __name__ == "__main__":
    print("RESULT=" + str(normalise([3, 7, 10, 4])))
