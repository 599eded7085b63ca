# family: callable
# hazard: unpicklable-callable
# line: 25
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: hkube's Python wrapper kept a threading lock on the object whose method the algorithm's multiprocessing code started, and the child failed with "can't pickle _thread.lock objects" (https://github.com/kube-HPC/hkube/issues/1410)
import multiprocessing
import threading


class Algorunner:
    def __init__(self, options):
        self.options = options
        self._lock = threading.Lock()
        self._progress = 0

    def report(self, value):
        with self._lock:
            self._progress = value

    def run_algorithm(self, data, out):
        out.put(sum(data) * self.options["factor"])

    def start(self, data):
        out = multiprocessing.Queue()
        worker = multiprocessing.Process(target=self.run_algorithm, args=(data, out))
        worker.start()
        result = out.get(timeout=15)
        worker.join(10)
        self.report(100)
        return result


if __name__ == "__main__":
    runner = Algorunner({"factor": 2})
    print("RESULT=%s" % runner.start([1, 2, 3]))
