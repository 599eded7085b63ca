# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the log scanner dropping its threading.Lock in __getstate__ (and recreating it in __setstate__), as the usual fix does.
import multiprocessing as mp
import threading


class LogScanner:
    def __init__(self, pattern):
        self.pattern = pattern
        self._stats_lock = threading.Lock()
        self.hits = 0

    def __getstate__(self):
        state = self.__dict__.copy()
        del state["_stats_lock"]
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._stats_lock = threading.Lock()

    def scan_file(self, name):
        lines = [f"{name}: ERROR disk", f"{name}: INFO ok"]
        return sum(self.pattern in line for line in lines)

    def scan(self, files):
        with mp.Pool(2) as pool:
            counts = pool.map(self.scan_file, files)
        with self._stats_lock:
            self.hits += sum(counts)
        return self.hits


if __name__ == "__main__":
    print("RESULT=%d" % LogScanner("ERROR").scan(["app.log", "db.log"]))
