"""pyiceberg.utils.concurrent.ExecutorFactory as of 0.10.0: one process-wide thread pool."""
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Optional


class ExecutorFactory:
    _instance: Optional[Executor] = None

    @staticmethod
    def max_workers() -> int:
        return 1

    @staticmethod
    def get_or_create() -> Executor:
        if ExecutorFactory._instance is None:
            ExecutorFactory._instance = ThreadPoolExecutor(max_workers=ExecutorFactory.max_workers())
        return ExecutorFactory._instance
