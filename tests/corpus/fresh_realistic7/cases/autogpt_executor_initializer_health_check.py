# family: lifecycle
# hazard: failing-initializer
# line: 40
# files: rz7kit/health.py
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: https://github.com/Significant-Gravitas/AutoGPT/pull/9907 -- "Process initializer on the process pool should never fail, but we do network-related stuff there. This cause the pool to be in a broken state"; reduced to an execution manager whose ProcessPoolExecutor initializer runs a database health check that raises
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from rz7kit.health import check_database

_STATE = {}


@dataclass
class ExecutorSettings:
    pool_size: int = 2
    db_host: str = "127.0.0.1"
    db_port: int = 1          # nothing listens here in the test environment


def init_worker(host, port):
    check_database(host, port)
    _STATE["pid"] = os.getpid()


def execute_node(node_id):
    return node_id * 10, _STATE.get("pid")


class ExecutionManager:
    def __init__(self, settings: ExecutorSettings):
        self.settings = settings
        self.executor = None

    def run(self):
        s = self.settings
        self.executor = ProcessPoolExecutor(
            max_workers=s.pool_size, initializer=init_worker, initargs=(s.db_host, s.db_port))
        futures = [self.executor.submit(execute_node, n) for n in range(4)]
        return [f.result(timeout=10)[0] for f in futures]

    def close(self):
        if self.executor is not None:
            self.executor.shutdown(wait=True)


def main():
    mgr = ExecutionManager(ExecutorSettings())
    try:
        print("outputs", mgr.run())
    finally:
        mgr.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
