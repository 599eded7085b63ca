# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: near miss of https://github.com/Graviti-AI/tensorbay-python-sdk/pull/545 (a Dataset holding threading.Lock members put into a process pool): with prefer="threads" nothing is pickled
import threading

from joblib import Parallel, delayed


class Dataset:
    def __init__(self, name, size):
        self.name = name
        self._lock = threading.Lock()
        self._cache = {}
        self.size = size

    def get(self, i):
        with self._lock:
            if i not in self._cache:
                self._cache[i] = i * 10
            return self._cache[i]


def fetch(ds, i):
    return ds.get(i)


def main():
    ds = Dataset("train", 6)
    vals = Parallel(n_jobs=2, prefer="threads")(delayed(fetch)(ds, i) for i in range(ds.size))
    print("RESULT=" + str(sum(vals)))


if __name__ == "__main__":
    main()
