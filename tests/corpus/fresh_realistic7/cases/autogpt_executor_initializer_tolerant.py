# family: lifecycle
# hazard: none
# line: none
# files: rz7kit/health.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/Significant-Gravitas/AutoGPT/pull/9907 -- the fix: the initializer no longer lets the health check fail the worker; it records the failure and the node execution reports it, so the pool stays usable
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from rz7kit.health import ServiceUnavailable, check_database

_STATE = {}


@dataclass
class ExecutorSettings:
    pool_size: int = 2
    db_host: str = "127.0.0.1"
    db_port: int = 1          # nothing listens here in the test environment


def init_worker(host, port):
    _STATE["pid"] = os.getpid()
    try:
        check_database(host, port)
        _STATE["db"] = "up"
    except ServiceUnavailable as exc:
        _STATE["db"] = f"down ({type(exc).__name__})"


def execute_node(node_id):
    return node_id * 10, _STATE.get("db")


class ExecutionManager:
    def __init__(self, settings: ExecutorSettings):
        self.settings = settings
        self.executor = None

    def run(self):
        s = self.settings
        self.executor = ProcessPoolExecutor(
            max_workers=s.pool_size, initializer=init_worker, initargs=(s.db_host, s.db_port))
        futures = [self.executor.submit(execute_node, n) for n in range(4)]
        return [f.result(timeout=10) for f in futures]

    def close(self):
        if self.executor is not None:
            self.executor.shutdown(wait=True)


def main():
    mgr = ExecutionManager(ExecutorSettings())
    try:
        outs = mgr.run()
    finally:
        mgr.close()
    print("outputs", [o[0] for o in outs], "db", sorted({o[1] for o in outs}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
