# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: fix of https://github.com/gpustack/gpustack/pull/5232: a top-level run_worker receives only the picklable Config and builds the Worker (and its lock) in the child
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


class Worker:
    def __init__(self, cfg):
        self.cfg = cfg
        self.benchmarks = BenchmarkManager(cfg)

    def start(self):
        print("worker", self.cfg.name, "started")


def run_worker(cfg):
    Worker(cfg).start()


def run_server(cfg):
    proc = multiprocessing.Process(target=run_worker, args=(cfg,))
    proc.start()
    proc.join()
    return proc.exitcode


if __name__ == "__main__":
    print("RESULT=" + str(run_server(Config())))
