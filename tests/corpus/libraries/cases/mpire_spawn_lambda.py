# family: mpire
# hazard: unpicklable-callable
# line: 10
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: mpire with start_method='spawn' (chosen for macOS fork safety) pickles the function for each worker: a lambda fails. Modelled on https://github.com/sybrenjansen/mpire/issues/94 (spawn on macOS).
from mpire import WorkerPool

if __name__ == "__main__":
    with WorkerPool(n_jobs=2, start_method="spawn") as pool:
        print("RESULT=" + str(pool.map(lambda x: x * 2, range(4))))
