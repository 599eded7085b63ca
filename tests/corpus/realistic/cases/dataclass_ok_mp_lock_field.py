# family: dataclass
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss of dataclass_lock_default_factory: the dataclass field holds a multiprocessing.Lock (default_factory) and the instance goes to Process(args=...), where multiprocessing primitives may travel by inheritance under every start method. Modelled on https://github.com/EnterpriseDB/barman/pull/1184 (multiprocessing.Lock shares across processes).
"""Append lines to a shared log file from worker processes."""
import multiprocessing
import os
import tempfile
from dataclasses import dataclass, field


@dataclass
class SharedLog:
    path: str
    lock: object = field(default_factory=multiprocessing.Lock, repr=False)

    def append(self, line):
        with self.lock:
            with open(self.path, "a") as fh:
                fh.write(line + "\n")


def worker(log, worker_id):
    for step in range(3):
        log.append(f"w{worker_id} step{step}")


def main():
    fd, path = tempfile.mkstemp(suffix=".log")
    os.close(fd)
    log = SharedLog(path)
    procs = [multiprocessing.Process(target=worker, args=(log, i)) for i in range(3)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    with open(path) as fh:
        lines = fh.read().splitlines()
    os.remove(path)
    print(len(lines), "lines", sorted(lines)[:2])


if __name__ == "__main__":
    main()
