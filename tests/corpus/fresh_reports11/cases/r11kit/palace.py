"""A memory store whose embedding backend runs a background thread (reduced from mempalace).

Creating a Collection starts the backend's worker thread (as chromadb and
onnxruntime do); the thread takes the store lock around each flush, and the
file-lock helpers take the same lock.
"""
import threading
import time

_store_lock = threading.Lock()
_flushing = threading.Event()


def _flush_loop(rounds):
    for _ in range(rounds):
        with _store_lock:
            _flushing.set()
            time.sleep(0.25)
        time.sleep(0.001)


class Collection:
    def __init__(self, name, rounds=40):
        self.name = name
        self._worker = threading.Thread(target=_flush_loop, args=(rounds,), daemon=True)
        self._worker.start()
        _flushing.wait(5)


def try_palace_lock(path, result_queue):
    # the child: take the palace lock and report
    with _store_lock:
        result_queue.put((path, "locked"))
