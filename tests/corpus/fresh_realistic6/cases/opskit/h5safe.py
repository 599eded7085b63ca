"""The reader after h5py's fork fix: the module lock is replaced in a forked child,
so a child never inherits it in the held state."""
import json
import os
import threading
import time

_phil = threading.Lock()


def _reset_phil():
    global _phil
    _phil = threading.Lock()


os.register_at_fork(after_in_child=_reset_phil)


class File:
    def __init__(self, path, decode_latency=0.0):
        self.path = path
        self.decode_latency = decode_latency
        self.busy = threading.Event()

    def read(self, key):
        with _phil:
            self.busy.set()
            with open(self.path) as fh:
                data = json.load(fh)
            if self.decode_latency:
                time.sleep(self.decode_latency)
            self.busy.clear()
            return data[key]
