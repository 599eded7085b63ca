# family: globals
# hazard: parent-state-not-inherited
# line: 46 29
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: https://github.com/python/cpython/issues/115634 -- the reporter's ProcessPoolManager builds named executors with max_tasks_per_child; without an mp_context that quietly means spawn even on Linux, so the worker functions no longer see the model name the service stored in a global at startup
import argparse
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Dict, Optional

MODEL_NAME = "base"


def embed(text):
    return f"{MODEL_NAME}:{len(text)}"


class ProcessPoolManager:
    _pools: Dict[str, ProcessPoolExecutor] = {}
    _tasks: Dict[str, Callable] = {}
    _lock = threading.RLock()

    @classmethod
    def get_executor(cls, name: str, max_workers: Optional[int] = None,
                     max_tasks_per_child: Optional[int] = None) -> ProcessPoolExecutor:
        with cls._lock:
            if name not in cls._pools:
                cls._pools[name] = ProcessPoolExecutor(max_workers=max_workers,
                                                       max_tasks_per_child=max_tasks_per_child)
            return cls._pools[name]

    @classmethod
    def shutdown_all(cls):
        with cls._lock:
            for pool in cls._pools.values():
                pool.shutdown()
            cls._pools.clear()


def main(argv=None):
    global MODEL_NAME
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="large")
    args = parser.parse_args(argv)
    MODEL_NAME = args.model
    executor = ProcessPoolManager.get_executor("embed", max_workers=2, max_tasks_per_child=4)
    vectors = list(executor.map(embed, ["alpha", "beta", "gamma"]))
    ProcessPoolManager.shutdown_all()
    print(f"RESULT={','.join(vectors)}")
    if vectors != ["large:5", "large:4", "large:5"]:
        sys.exit(3)


if __name__ == "__main__":
    main()
