"""A resource tracker that samples in a background multiprocessing.Process (the version before the Windows fix)."""
import multiprocessing
import os
import time


def _run_tracker(stop_event, samples, interval):
    while not stop_event.is_set():
        with samples.get_lock():
            samples.value += 1
        time.sleep(interval)


class ResourceTracker:
    def __init__(self, interval=0.05):
        self.interval = interval
        self.ctx = multiprocessing.get_context()
        self.stop_event = self.ctx.Event()
        self.samples = self.ctx.Value("i", 0)
        self.process = None

    def start(self):
        self.process = self.ctx.Process(
            target=_run_tracker, args=(self.stop_event, self.samples, self.interval),
            name="resource-tracker", daemon=True)
        self.process.start()
        return self

    def stop(self):
        self.stop_event.set()
        if self.process is not None:
            self.process.join(timeout=5)
        return {"pid": os.getpid(), "samples": self.samples.value}
