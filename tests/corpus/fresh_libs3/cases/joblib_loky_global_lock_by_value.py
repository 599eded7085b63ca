# family: callable
# hazard: unpicklable-callable
# line: 26
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: shape of https://github.com/bccp/nbodykit/pull/549 ("unable to pickle _thread.lock", a module lock used by chunk code under a process scheduler): cloudpickle copies the script's function by value together with the module-level threading.Lock it reads
import threading

from joblib import Parallel, delayed

_STATS_LOCK = threading.Lock()
STATS = {"chunks": 0}


def process_chunk(chunk):
    with _STATS_LOCK:
        STATS["chunks"] += 1
    return sum(chunk)


def chunked(data, size):
    return [data[i:i + size] for i in range(0, len(data), size)]


def main():
    data = list(range(20))
    totals = Parallel(n_jobs=2)(delayed(process_chunk)(c) for c in chunked(data, 5))
    print("RESULT=" + str(sum(totals)))


if __name__ == "__main__":
    main()
