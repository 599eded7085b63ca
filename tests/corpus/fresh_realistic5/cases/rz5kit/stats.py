"""An in-process statistics recorder with a background flusher thread."""
import threading
import time


class Stats:
    def __init__(self):
        self._lock = threading.Lock()
        self.counts = {}

    def add(self, key, n=1):
        with self._lock:
            self.counts[key] = self.counts.get(key, 0) + n

    def _flush_forever(self, hold):
        while True:
            with self._lock:
                time.sleep(hold)
            time.sleep(0.01)

    def start_flusher(self, hold=2.0):
        t = threading.Thread(target=self._flush_forever, args=(hold,), daemon=True)
        t.start()
        return t
