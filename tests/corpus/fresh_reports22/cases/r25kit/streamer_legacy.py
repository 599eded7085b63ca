"""NFStreamer as nfstream 6.3.4 shipped it: streamer.py fixes the start method at import (line 32)."""
import multiprocessing as mp

from r25kit.flowmeter import meter_into

mp.set_start_method("fork")


class NFStreamer:
    def __init__(self, packets, n_meters=1):
        self.packets = packets
        self.n_meters = n_meters

    def to_summary(self):
        q = mp.Queue()
        p = mp.Process(target=meter_into, args=(self.packets, q))
        p.start()
        rows = []
        while True:
            item = q.get()
            if item is None:
                break
            rows.append(item)
        p.join()
        return rows
