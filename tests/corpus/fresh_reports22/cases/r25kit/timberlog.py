"""The timber-python handler after PR #15: a multiprocessing.Queue, and the flush thread runs
only in the process that made the handler, so a forked child's records reach it."""
import logging
import multiprocessing
import os
import queue
import threading


class TimberHandler(logging.Handler):
    def __init__(self, sink_path, buffer_capacity=100, flush_interval=0.05, ctx=None):
        super().__init__()
        ctx = ctx or multiprocessing.get_context()
        self.sink_path = sink_path
        self.pipe = ctx.Queue(maxsize=buffer_capacity)
        self.flush_interval = flush_interval
        self._owner_pid = os.getpid()
        self._stop = threading.Event()
        self.flush_thread = threading.Thread(target=self._flush_loop, daemon=True)
        self.flush_thread.start()

    def emit(self, record):
        self.pipe.put(self.format(record))

    def _drain(self, wait=0.0):
        batch = []
        while True:
            try:
                batch.append(self.pipe.get(timeout=wait) if wait else self.pipe.get_nowait())
            except queue.Empty:
                break
        if batch:
            with open(self.sink_path, "a") as fh:
                fh.write("".join(line + "\n" for line in batch))

    def _flush_loop(self):
        while not self._stop.wait(self.flush_interval):
            self._drain()
        self._drain(wait=0.2)

    def close(self):
        if os.getpid() == self._owner_pid:
            self._stop.set()
            self.flush_thread.join()
        super().close()
