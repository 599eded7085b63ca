# family: joblib
# hazard: unpicklable-callable
# line: 18
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 60
# note: `parallel_backend("multiprocessing", n_jobs=2)` called as a plain statement, not in a `with` block: joblib's `parallel_config.__init__` sets the thread's backend right away (only `__exit__` restores it), so the later `Parallel()` uses the multiprocessing backend, which pickles its batches with pickle and refuses the lambda under every start method. Shape of https://github.com/joblib/joblib/issues/389 (a lambda through the multiprocessing backend) with the backend chosen as in https://joblib.readthedocs.io/en/stable/generated/joblib.parallel_backend.html.
from joblib import Parallel, delayed, parallel_backend


def load_measurements():
    return [(i, 20.0 + i * 0.5) for i in range(8)]


def main():
    parallel_backend("multiprocessing", n_jobs=2)
    rows = load_measurements()
    scale = 1.8
    converted = Parallel()(delayed(lambda row: (row[0], row[1] * scale + 32))(row) for row in rows)
    print("RESULT=" + str(converted[:2]))


if __name__ == "__main__":
    main()
