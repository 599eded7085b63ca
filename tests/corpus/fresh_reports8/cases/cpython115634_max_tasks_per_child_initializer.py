# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/python/cpython/issues/115634 -- the same ProcessPoolManager, with every worker (including each replacement after max_tasks_per_child) given the model name by the executor's initializer, so it does not matter that the executor spawns
import argparse
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Dict, Optional

MODEL_NAME = "base"


def _load_model(name):
    global MODEL_NAME
    MODEL_NAME = name


def embed(text):
    return f"{MODEL_NAME}:{len(text)}"


class ProcessPoolManager:
    _pools: Dict[str, ProcessPoolExecutor] = {}
    _tasks: Dict[str, Callable] = {}
    _lock = threading.RLock()

    @classmethod
    def get_executor(cls, name: str, max_workers: Optional[int] = None,
                     max_tasks_per_child: Optional[int] = None, model: str = "base") -> ProcessPoolExecutor:
        with cls._lock:
            if name not in cls._pools:
                cls._pools[name] = ProcessPoolExecutor(max_workers=max_workers,
                                                       max_tasks_per_child=max_tasks_per_child,
                                                       initializer=_load_model, initargs=(model,))
            return cls._pools[name]

    @classmethod
    def shutdown_all(cls):
        with cls._lock:
            for pool in cls._pools.values():
                pool.shutdown()
            cls._pools.clear()


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="large")
    args = parser.parse_args(argv)
    executor = ProcessPoolManager.get_executor("embed", max_workers=2, max_tasks_per_child=4, model=args.model)
    vectors = list(executor.map(embed, ["alpha", "beta", "gamma"]))
    ProcessPoolManager.shutdown_all()
    print(f"RESULT={','.join(vectors)}")
    if vectors != ["large:5", "large:4", "large:5"]:
        sys.exit(3)


if __name__ == "__main__":
    main()
