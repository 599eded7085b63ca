# family: lifecycle
# hazard: none
# line: none
# files: r25kit/dworker.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/Bogdanp/dramatiq/pull/707 -- the fix: right after starting each worker the main process closes its copy of the write end, so the watcher's recv() raises EOFError once the worker has closed its end and exited
"""Start worker processes and forward their log lines until every worker has exited."""
import argparse
import multiprocessing
import sys
from dataclasses import dataclass, field

from r25kit.dworker import worker_process


@dataclass
class WorkerHandle:
    worker_id: int
    process: multiprocessing.Process
    read_conn: object
    lines: list = field(default_factory=list)


class Supervisor:
    def __init__(self, n_workers, messages):
        self.n_workers = n_workers
        self.messages = messages
        self.handles = []

    def run(self):
        for wid in range(self.n_workers):
            read_conn, write_conn = multiprocessing.Pipe(duplex=False)
            proc = multiprocessing.Process(target=worker_process, args=(wid, self.messages, write_conn))
            proc.start()
            write_conn.close()
            self.handles.append(WorkerHandle(wid, proc, read_conn))
        return self.watch_logs()

    def watch_logs(self):
        for handle in self.handles:
            while True:
                try:
                    handle.lines.append(handle.read_conn.recv())
                except EOFError:
                    break
            handle.process.join()
        return sum(len(h.lines) for h in self.handles)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args(argv)
    sup = Supervisor(args.processes, ["m1", "m2", "m3"])
    total = sup.run()
    print(f"RESULT={total}")
    return 0 if total == args.processes * 4 else 3


if __name__ == "__main__":
    sys.exit(main())
