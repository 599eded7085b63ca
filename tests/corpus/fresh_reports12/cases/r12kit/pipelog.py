"""A pipeline log sink: every write holds the sink lock while it flushes to the (slow) store."""
import os
import tempfile
import threading
import time


class PipelineLogSink:
    def __init__(self, path):
        self.path = path
        self._lock = threading.Lock()
        self.holding = threading.Event()

    def emit(self, message, flush_seconds=0.0):
        with self._lock:
            self.holding.set()
            with open(self.path, "a") as fh:
                fh.write(message + "\n")
            time.sleep(flush_seconds)  # the remote store's round trip, under the lock


SINK = PipelineLogSink(os.path.join(tempfile.gettempdir(), f"r12-pipeline-{os.getpid()}.log"))


def start_heartbeat(sink=SINK, period=0.01):
    """A daemon thread that reports progress; each report holds the sink for a while."""
    def beat():
        n = 0
        while True:
            n += 1
            sink.emit(f"heartbeat {n}", flush_seconds=0.5)
            time.sleep(period)

    thread = threading.Thread(target=beat, name="heartbeat", daemon=True)
    thread.start()
    return thread
