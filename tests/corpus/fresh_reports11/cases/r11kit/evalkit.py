"""Evaluation helpers (reduced from OpenHands/benchmarks' evaluation runner).

The runner keeps a log streamer thread that writes batches under a
module-level lock; every instance's worker logs through the same lock.
"""
import threading
import time

_log_lock = threading.Lock()
_streaming = threading.Event()


class LogStreamer(threading.Thread):
    def __init__(self, batches=40):
        super().__init__(daemon=True, name="log-streamer")
        self.batches = batches

    def run(self):
        for _ in range(self.batches):
            with _log_lock:
                _streaming.set()
                time.sleep(0.25)   # flushing a batch to the remote log service
            time.sleep(0.001)


def wait_until_streaming(timeout=5):
    return _streaming.wait(timeout)


def process_instance(instance_id):
    with _log_lock:
        line = f"instance {instance_id}: resolved"
    return instance_id, line
