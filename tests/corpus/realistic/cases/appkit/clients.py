"""A metrics client that buffers samples in memory (thread-safe)."""
import threading


class MetricsClient:
    def __init__(self, endpoint, flush_every=100):
        self.endpoint = endpoint
        self.flush_every = flush_every
        self._lock = threading.RLock()
        self._buffer = []

    def record(self, name, value):
        with self._lock:
            self._buffer.append((name, value))
            if len(self._buffer) >= self.flush_every:
                self.flush()

    def flush(self):
        with self._lock:
            sent, self._buffer = self._buffer, []
        return sent


def make_client(endpoint="memory://local"):
    return MetricsClient(endpoint)
