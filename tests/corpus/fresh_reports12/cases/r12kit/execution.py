"""A mars-like executor: operands run on chunks kept in a storage object guarded by a thread lock."""
import threading


class ChunkStorage:
    def __init__(self):
        self._lock = threading.Lock()
        self._data = {}

    def put(self, key, value):
        with self._lock:
            self._data[key] = value

    def get(self, key):
        with self._lock:
            return self._data[key]


class ExecutionError(Exception):
    """Raised when an operand fails; keeps the storage it ran against for debugging."""

    def __init__(self, message, storage=None):
        super().__init__(message)
        self.storage = storage


def run_operand(op, storage):
    key, value = op
    if value < 0:
        raise ExecutionError(f"operand {key} got a negative chunk", storage=storage)
    storage.put(key, value * 2)
    return storage.get(key)
