"""NFStreamer after nfstream PR #75: a private fork context instead of set_start_method()."""
import multiprocessing as mp

from r25kit.flowmeter import meter_into


class NFStreamer:
    def __init__(self, packets, n_meters=1):
        self.packets = packets
        self.n_meters = n_meters
        self._mp_context = mp.get_context("fork")

    def to_summary(self):
        q = self._mp_context.Queue()
        p = self._mp_context.Process(target=meter_into, args=(self.packets, q))
        p.start()
        rows = []
        while True:
            item = q.get()
            if item is None:
                break
            rows.append(item)
        p.join()
        return rows
