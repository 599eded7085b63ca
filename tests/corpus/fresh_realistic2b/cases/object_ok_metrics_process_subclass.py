# family: object
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of https://github.com/osoken/sqlitecollections/issues/260: the collector is a Process subclass whose __init__ keeps only picklable state -- numbers, a multiprocessing Queue and a multiprocessing Event -- and the parent-side ThreadPoolExecutor lives on a separate service object that is never sent; pickling the Process object under spawn/forkserver works.
"""Collect host metrics in a background process and export them."""
import multiprocessing
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor


class Collector(multiprocessing.Process):
    def __init__(self, interval, rounds):
        super().__init__(daemon=True)
        self.interval = interval
        self.rounds = rounds
        self.samples = multiprocessing.Queue()
        self.stopped = multiprocessing.Event()

    def run(self):
        for _ in range(self.rounds):
            if self.stopped.is_set():
                break
            load1, _, _ = os.getloadavg()
            self.samples.put({"t": time.time(), "load1": load1})
            time.sleep(self.interval)


class MetricsService:
    def __init__(self, interval, rounds):
        self.collector = Collector(interval, rounds)
        self.exporters = ThreadPoolExecutor(max_workers=2)

    def run(self):
        self.collector.start()
        samples = [self.collector.samples.get(timeout=10) for _ in range(self.collector.rounds)]
        self.collector.stopped.set()
        self.collector.join(timeout=5)
        self.exporters.shutdown()
        return samples


def main():
    print(f"RESULT={len(MetricsService(0.01, 3).run())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
