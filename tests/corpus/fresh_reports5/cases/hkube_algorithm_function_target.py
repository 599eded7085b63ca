# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: the shape that avoids hkube #1410: the algorithm runs as a module-level function given plain options, and the lock stays in the parent (https://github.com/kube-HPC/hkube/issues/1410)
import multiprocessing
import threading


def run_algorithm(options, data, out):
    out.put(sum(data) * options["factor"])


class Algorunner:
    def __init__(self, options):
        self.options = options
        self._lock = threading.Lock()
        self._progress = 0

    def report(self, value):
        with self._lock:
            self._progress = value

    def start(self, data):
        out = multiprocessing.Queue()
        worker = multiprocessing.Process(target=run_algorithm, args=(self.options, data, out))
        worker.start()
        result = out.get(timeout=15)
        worker.join(10)
        self.report(100)
        return result


if __name__ == "__main__":
    runner = Algorunner({"factor": 2})
    print("RESULT=%s" % runner.start([1, 2, 3]))
