"""A colored console logger with a "process" spinner (reduced from colored_logs/logger.py)."""
import sys
import threading
import time
from multiprocessing import Event, Process


def _spin(message, interval, stop_event, stream_name="stdout"):
    # the working variant's target: module level, plain arguments only
    stream = getattr(sys, stream_name)
    frames = "|/-\\"
    i = 0
    while not stop_event.is_set() and i < 20:
        stream.write(f"\r{frames[i % 4]} {message}")
        stream.flush()
        i += 1
        time.sleep(interval)
    stream.write("\n")


class Logger:
    def __init__(self, id=None, interval=0.05):
        self.id = id
        self.interval = interval
        self.print_lock = threading.Lock()
        self.stream = sys.stdout
        self.process_process = None
        self.stop_event = None

    def info(self, message):
        with self.print_lock:
            self.stream.write(f"[{self.id}] {message}\n")

    def __process_loop(self, message):
        frames = "|/-\\"
        i = 0
        while not self.stop_event.is_set() and i < 20:
            with self.print_lock:
                self.stream.write(f"\r{frames[i % 4]} {message}")
                self.stream.flush()
            i += 1
            time.sleep(self.interval)

    def start_process(self, message):
        self.stop_event = Event()
        self.process_process = Process(target=self.__process_loop, args=(message,))
        self.process_process.start()

    def start_spinner(self, message):
        self.stop_event = Event()
        self.process_process = Process(target=_spin, args=(message, self.interval, self.stop_event))
        self.process_process.start()

    def stop_process(self):
        if self.process_process is not None:
            self.stop_event.set()
            self.process_process.join(5)
            self.process_process = None
