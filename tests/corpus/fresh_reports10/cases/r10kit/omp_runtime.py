"""A stand-in for an OpenMP-style runtime: a background worker thread that holds the runtime lock while it runs a region."""
import threading
import time


class ThreadRuntime:
    def __init__(self):
        self._lock = threading.Lock()
        self._thread = None
        self.regions = 0

    def _spin(self):
        while True:
            with self._lock:
                time.sleep(0.2)          # a parallel region in progress
                self.regions += 1
            time.sleep(0.0005)

    def ensure_started(self):
        if self._thread is None:
            self._thread = threading.Thread(target=self._spin, name="omp-worker", daemon=True)
            self._thread.start()
            time.sleep(0.05)

    def parallel_sum(self, values):
        self.ensure_started()
        with self._lock:
            return sum(values)


RUNTIME = ThreadRuntime()
