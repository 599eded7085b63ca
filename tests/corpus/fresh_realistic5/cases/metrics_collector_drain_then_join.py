# family: queue
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://sopython.com/canon/82/programs-using-multiprocessing-hang-deadlock-and-never-complete/ -- the fix: the parent reads until every collector has sent its end marker, then joins.
"""Metrics collector: each collector process samples a host and reports samples on a queue."""
import multiprocessing as mp
import sys
from dataclasses import dataclass


@dataclass
class CollectorConfig:
    hosts: tuple = ("web-1", "web-2")
    samples_per_host: int = 4000


def collect(host, count, out):
    for i in range(count):
        out.put({"host": host, "seq": i, "cpu": (i * 7) % 100, "label": "sample-" + "x" * 24})
    out.put(None)


class Collector:
    def __init__(self, config):
        self.config = config
        self.queue = mp.Queue()
        self.procs = [
            mp.Process(target=collect, args=(h, config.samples_per_host, self.queue))
            for h in config.hosts
        ]

    def run(self):
        for p in self.procs:
            p.start()
        samples, finished = [], 0
        while finished < len(self.procs):
            item = self.queue.get()
            if item is None:
                finished += 1
            else:
                samples.append(item)
        for p in self.procs:
            p.join()
        return samples


if __name__ == "__main__":
    samples = Collector(CollectorConfig()).run()
    print("RESULT=" + str(len(samples)))
    sys.exit(0 if len(samples) == 8000 else 3)
