"""A timber-python-like log handler before PR #15: records go into a queue.Queue that a flush
thread, started when the handler is made, uploads in batches."""
import logging
import queue
import threading


class TimberHandler(logging.Handler):
    def __init__(self, sink_path, buffer_capacity=100, flush_interval=0.05):
        super().__init__()
        self.sink_path = sink_path
        self.pipe = queue.Queue(maxsize=buffer_capacity)
        self.flush_interval = flush_interval
        self._stop = threading.Event()
        self.flush_thread = threading.Thread(target=self._flush_loop, daemon=True)
        self.flush_thread.start()

    def emit(self, record):
        self.pipe.put(self.format(record))

    def _drain(self):
        batch = []
        while True:
            try:
                batch.append(self.pipe.get_nowait())
            except queue.Empty:
                break
        if batch:
            with open(self.sink_path, "a") as fh:
                fh.write("".join(line + "\n" for line in batch))

    def _flush_loop(self):
        while not self._stop.wait(self.flush_interval):
            self._drain()
        self._drain()

    def close(self):
        self._stop.set()
        self.flush_thread.join()
        super().close()
