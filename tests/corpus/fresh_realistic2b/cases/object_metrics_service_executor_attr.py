# family: object
# hazard: unpicklable-argument
# line: 32
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/osoken/sqlitecollections/issues/260 (an object that should cross process boundaries carries a resource that cannot be pickled) as a metrics service: __init__ creates a ThreadPoolExecutor for its exporters and keeps it on `self`; start() launches `Process(target=self.collect_forever)`. A bound method target pickles its instance under spawn/forkserver, and the executor holds locks: "cannot pickle '_thread.lock' object". Fork inherits it.
"""Collect host metrics in a background process and export them."""
import multiprocessing
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor


class MetricsService:
    def __init__(self, interval, rounds):
        self.interval = interval
        self.rounds = rounds
        self.exporters = ThreadPoolExecutor(max_workers=2)
        self.samples = multiprocessing.Queue()
        self.process = None

    def sample(self):
        load1, _, _ = os.getloadavg()
        return {"t": time.time(), "load1": load1}

    def collect_forever(self):
        for _ in range(self.rounds):
            self.samples.put(self.sample())
            time.sleep(self.interval)

    def start(self):
        self.process = multiprocessing.Process(target=self.collect_forever, daemon=True)
        self.process.start()

    def drain(self):
        return [self.samples.get(timeout=10) for _ in range(self.rounds)]

    def stop(self):
        self.process.join(timeout=5)
        self.exporters.shutdown()


def main():
    service = MetricsService(interval=0.01, rounds=3)
    service.start()
    samples = service.drain()
    service.stop()
    print(f"RESULT={len(samples)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
