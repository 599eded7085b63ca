# family: lifecycle
# hazard: none
# line: none
# files: r15kit/sensors.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/python/cpython/issues/123208 -- the working shape from the same report (the documentation example, where the queue stays referenced while the child starts): the station keeps its channel as an attribute until the workers are joined
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
    channel: object = None

    def __post_init__(self):
        self.channel = channel = multiprocessing.Queue()
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
        self.channel = None
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
