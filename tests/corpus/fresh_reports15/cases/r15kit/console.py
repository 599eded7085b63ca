"""A status console with a refresh thread (the kind of helper rich.progress provides).

The refresh thread redraws the status line under the console lock; anything
that prints through the console, in any process, takes the same lock.
"""
import threading
import time

_CONSOLE_LOCK = threading.Lock()
_lines = []


def write(line):
    with _CONSOLE_LOCK:
        _lines.append(line)


class StatusRefresher(threading.Thread):
    def __init__(self, interval=0.0005, render_time=0.05):
        super().__init__(name="status-refresh", daemon=True)
        self.interval = interval
        self.render_time = render_time
        self.frames = 0
        self._stop_event = threading.Event()

    def run(self):
        while not self._stop_event.is_set():
            with _CONSOLE_LOCK:
                time.sleep(self.render_time)   # drawing the status line
                self.frames += 1
            time.sleep(self.interval)

    def stop(self):
        self._stop_event.set()
        self.join()
