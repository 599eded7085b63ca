# family: queue
# hazard: queue-join-deadlock
# line: 61
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# timeout: 8
# note: https://github.com/log2timeline/plaso/issues/399 -- the extraction workers put their parsed event objects on a multiprocessing queue and the engine joins the workers before reading it, so "process completes but does not exit" ("one needs to get all the stuff off the queue before joining")
"""Parse syslog-style files into timeline events with one worker process per file."""
import multiprocessing
import os
import re
import tempfile
from dataclasses import dataclass, field

LINE = re.compile(r"^(\w{3} +\d+ [\d:]+) (\S+) (\S+?)(?:\[(\d+)\])?: (.*)$")


@dataclass
class EventObject:
    timestamp: str
    hostname: str
    program: str
    pid: int
    body: str
    attributes: dict = field(default_factory=dict)


def write_logs(folder, files=2, lines=900):
    paths = []
    for f in range(files):
        path = os.path.join(folder, f"syslog.{f}")
        with open(path, "w") as fh:
            for i in range(lines):
                fh.write(f"Jan {1 + f:2d} 10:{i // 60 % 60:02d}:{i % 60:02d} host{f} "
                         f"sshd[{1000 + i}]: Accepted publickey for user{i % 7} from 10.0.0.{i % 250}\n")
        paths.append(path)
    return paths


def extraction_worker(path, event_queue):
    with open(path) as fh:
        for line in fh:
            m = LINE.match(line.rstrip("\n"))
            if m:
                ts, host, prog, pid, body = m.groups()
                event_queue.put(EventObject(ts, host, prog, int(pid or 0), body,
                                            {"source": os.path.basename(path)}))


class ExtractionEngine:
    def __init__(self, paths):
        self.paths = paths
        self.event_queue = multiprocessing.Queue()
        self.workers = []

    def process_sources(self):
        for path in self.paths:
            worker = multiprocessing.Process(target=extraction_worker, args=(path, self.event_queue))
            worker.start()
            self.workers.append(worker)
        for worker in self.workers:
            worker.join()  # ANCHOR
        events = []
        while len(events) < 900 * len(self.paths):
            events.append(self.event_queue.get(timeout=5))
        return events


def main():
    engine = ExtractionEngine(write_logs(tempfile.mkdtemp(prefix="plaso_")))
    events = engine.process_sources()
    hosts = sorted({e.hostname for e in events})
    print(f"RESULT={len(events)},{','.join(hosts)}")
    return 0 if len(events) == 1800 else 3


if __name__ == "__main__":
    raise SystemExit(main())
