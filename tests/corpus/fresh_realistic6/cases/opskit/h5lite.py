"""A small chunked-file reader in the style of h5py: every low-level call runs
under one module-wide lock (h5py's ``phil``)."""
import json
import threading
import time

_phil = threading.Lock()


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
                time.sleep(self.decode_latency)   # decompressing a chunk
            self.busy.clear()
            return data[key]
