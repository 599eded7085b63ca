# family: callable
# hazard: unpicklable-callable
# line: 22
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: a log scanner class that keeps a threading.Lock for its stats in self and maps its own bound method scan_file over log files.
import multiprocessing as mp
import threading


class LogScanner:
    def __init__(self, pattern):
        self.pattern = pattern
        self._stats_lock = threading.Lock()
        self.hits = 0

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
