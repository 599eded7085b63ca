"""Metrics sink: records go to an in-memory buffer that a background flusher uploads."""
import threading
import time

_sink_lock = threading.Lock()
_buffer = []
_uploaded = []


def record(name, value):
    with _sink_lock:
        _buffer.append((name, value))


def _upload_slowly(started, seconds):
    with _sink_lock:
        started.set()
        time.sleep(seconds)  # the upload holds the sink lock, as a logging handler holds its lock
        _uploaded.extend(_buffer)
        _buffer.clear()


def flush_in_background(seconds=3.0):
    """Start the upload thread; returns once it holds the sink lock."""
    started = threading.Event()
    t = threading.Thread(target=_upload_slowly, args=(started, seconds), daemon=True)
    t.start()
    started.wait()
    return t


def uploaded_count():
    with _sink_lock:
        return len(_uploaded)
