"""ExecutorFactory after apache/iceberg-python PR #2546: a new pool in a new process."""
import os
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Optional


class ExecutorFactory:
    _instance: Optional[Executor] = None
    _instance_pid: Optional[int] = None

    @staticmethod
    def max_workers() -> int:
        return 1

    @staticmethod
    def get_or_create() -> Executor:
        pid = os.getpid()
        if ExecutorFactory._instance is None or ExecutorFactory._instance_pid != pid:
            ExecutorFactory._instance = ThreadPoolExecutor(max_workers=ExecutorFactory.max_workers())
            ExecutorFactory._instance_pid = pid
        return ExecutorFactory._instance
