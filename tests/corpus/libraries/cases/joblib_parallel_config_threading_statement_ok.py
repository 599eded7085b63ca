# family: joblib
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 60
# note: False friend: the module sets joblib's backend once with a `parallel_config(backend="threading")` statement, so every later `Parallel` runs threads and the lambda, the closure and the lock it holds never cross a process boundary (at module level, with no main guard). The statement form sets the thread's configuration at once (joblib 1.6 `parallel_config.__init__`); the backend from https://joblib.readthedocs.io/en/stable/generated/joblib.parallel_config.html.
import threading

from joblib import Parallel, delayed, parallel_config

parallel_config(backend="threading")

lock = threading.Lock()
seen = []


def record(x):
    with lock:
        seen.append(x)
    return x * x


squares = Parallel(n_jobs=2)(delayed(lambda v: record(v))(i) for i in range(6))
print("RESULT=" + str(squares) + " " + str(sorted(seen)))
