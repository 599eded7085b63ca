"""The event recorder an instrumentation agent writes to (an appmap-like recording)."""
import threading
import time


class Recorder:
    def __init__(self):
        self.events = []
        self._lock = threading.Lock()

    def record(self, name, elapsed):
        with self._lock:
            self.events.append((name, elapsed))


def timed_call(recorder, wrapped, args, kwargs):
    start = time.perf_counter()
    try:
        return wrapped(*args, **kwargs)
    finally:
        if recorder is not None:
            recorder.record(wrapped.__qualname__, time.perf_counter() - start)
