"""Reduced libqtile/log_utils: logging is configured at import time, and the handler writes
through a stream wrapper that serialises writers with its own threading.Lock."""
import logging
import sys
import threading
import time


class LockedStream:
    def __init__(self, stream, delay=0.0):
        self.stream = stream
        self.delay = delay
        self.lock = threading.Lock()
        self.busy = threading.Event()

    def write(self, text):
        with self.lock:
            self.busy.set()
            if self.delay:
                time.sleep(self.delay)
            self.stream.write(text)

    def flush(self):
        with self.lock:
            self.stream.flush()


def init_log(name="qtile", delay=0.0):
    stream = LockedStream(sys.stderr, delay=delay)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    logger = logging.getLogger(name)
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return logger, stream


logger, stream = init_log(delay=0.3)
