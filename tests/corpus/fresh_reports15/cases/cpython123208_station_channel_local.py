# family: lifecycle
# hazard: queue-collected-before-child-unpickles
# line: 27 29 32
# files: r15kit/sensors.py
# expect: fork=ok spawn=error:FileNotFoundError forkserver=error:FileNotFoundError
# note: https://github.com/python/cpython/issues/123208 -- "Creating multiprocessing.Queues operates strangely with Process's created in classes": class Bar creates q = Queue() in __init__, starts Process(target=Foo, args=(q,)) and keeps nothing; once __init__ returns the queue is collected and its semaphore unlinked, so the spawned child fails unpickling it with "FileNotFoundError: [Errno 2] No such file or directory"
import json
import multiprocessing
import os
import sys
import tempfile
from dataclasses import dataclass, field

from r15kit.sensors import Aggregator, SensorReader


@dataclass
class Station:
    readers: int
    samples: int
    out_path: str
    procs: list = field(default_factory=list)

    def __post_init__(self):
        channel = multiprocessing.Queue()
        for sensor_id in range(self.readers):
            self.procs.append(multiprocessing.Process(
                target=SensorReader, args=(channel, sensor_id, self.samples)))
        self.procs.append(multiprocessing.Process(
            target=Aggregator, args=(channel, self.readers, self.out_path)))
        for proc in self.procs:
            proc.start()

    def wait(self):
        for proc in self.procs:
            proc.join()
        if not os.path.exists(self.out_path):
            return None
        with open(self.out_path) as fh:
            return json.load(fh)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        station = Station(readers=2, samples=50, out_path=os.path.join(tmp, "summary.json"))
        summary = station.wait()
    if summary is None:
        print("RESULT=none")
        return 3
    print(f"RESULT={summary['count']}:{summary['mean']}")
    return 0 if summary["count"] == 100 else 3


if __name__ == "__main__":
    sys.exit(main())
