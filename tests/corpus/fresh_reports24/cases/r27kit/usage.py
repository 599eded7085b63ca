"""Parsl-like usage tracking: events are buffered under a lock; a background thread flushes the buffer to
the collector, holding the lock for the whole (slow) send so no event is lost mid-flush."""
import threading
import time


class UsageTracker:
    def __init__(self, send_seconds=3.0):
        self._lock = threading.Lock()
        self._events = []
        self._sending = threading.Event()
        self.send_seconds = send_seconds
        self.sent = 0

    def start(self):
        """Start the flush thread; returns once the first flush (the handshake) is under way."""
        threading.Thread(target=self._flush_loop, name="usage-flush", daemon=True).start()
        self._sending.wait()

    def _flush_loop(self):
        while True:
            with self._lock:
                self._sending.set()
                batch, self._events = self._events, []
                time.sleep(self.send_seconds)  # UDP send to the collector, with its timeout
                self.sent += len(batch)
            time.sleep(1.0)  # flush period

    def record(self, event):
        with self._lock:
            self._events.append((event, time.time()))


_TRACKER = None


def tracker():
    """The process-wide tracker, made on first use."""
    global _TRACKER
    if _TRACKER is None:
        _TRACKER = UsageTracker()
    return _TRACKER
