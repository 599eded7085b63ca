"""Process-wide log sink whose writes and flushes share one lock."""
import sys
import threading
import time

_LOCK = threading.Lock()
_PENDING = []
holding = threading.Event()


def write(msg):
    with _LOCK:
        _PENDING.append(msg)
        sys.stdout.write(msg + "\n")
        sys.stdout.flush()


def _flush_forever(delay):
    while True:
        with _LOCK:
            holding.set()
            time.sleep(delay)          # a slow sink: the lock is held meanwhile
            _PENDING.clear()
        time.sleep(0.01)


def start_flusher(delay=30.0):
    t = threading.Thread(target=_flush_forever, args=(delay,), daemon=True,
                         name="log-flusher")
    t.start()
    holding.wait(5)
    return t
