"""Qubes-like restore progress logging: a handler that guards its sink with its own lock."""
import logging
import threading
import time


class ProgressHandler(logging.Handler):
    """Writes records to a slow sink (a progress pipe) under its own lock."""

    def __init__(self, delay=0.0):
        super().__init__()
        self.sink_lock = threading.Lock()
        self.busy = threading.Event()
        self.delay = delay
        self.lines = []

    def emit(self, record):
        with self.sink_lock:
            self.busy.set()
            self.lines.append(self.format(record))
            if self.delay:
                time.sleep(self.delay)    # the slow pipe

    def reinit_lock(self):
        self.sink_lock = threading.Lock()


def install(delay=0.0):
    handler = ProgressHandler(delay)
    log = logging.getLogger("qubesadmin.backup")
    log.setLevel(logging.INFO)
    log.addHandler(handler)
    return log, handler


def reinit_locks(log):
    """The fix: give every handler a fresh lock in the child."""
    for handler in log.handlers:
        if isinstance(handler, ProgressHandler):
            handler.reinit_lock()


def start_progress_thread(log, n=6):
    def report():
        for i in range(n):
            log.info("extracting chunk %d", i)
    t = threading.Thread(target=report, daemon=True)
    t.start()
    return t
