# family: callable
# hazard: unpicklable-callable
# line: 35
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: shape of https://github.com/gpustack/gpustack/pull/5232 (multiprocessing.Process(target=worker.start) where Worker builds a manager holding a lock: "cannot pickle '_thread.lock' object")
import multiprocessing
import threading
from dataclasses import dataclass


@dataclass
class Config:
    name: str = "worker-0"
    port: int = 10150


class BenchmarkManager:
    def __init__(self, cfg):
        self.cfg = cfg
        self._lock = threading.Lock()
        self.runs = []


class Worker:
    def __init__(self, cfg):
        self.cfg = cfg
        self.benchmarks = BenchmarkManager(cfg)

    def start(self):
        print("worker", self.cfg.name, "started")


def run_server(cfg):
    worker = Worker(cfg)
    proc = multiprocessing.Process(target=worker.start)
    proc.start()
    proc.join()
    return proc.exitcode


if __name__ == "__main__":
    print("RESULT=" + str(run_server(Config())))
