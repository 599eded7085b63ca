# family: lifecycle
# hazard: pipe-write-end-held
# line: 34 35
# files: r25kit/dworker.py
# timeout: 10
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: https://github.com/Bogdanp/dramatiq/pull/707 -- "Close write_pipe after forking": the main function made a pipe per worker in its start loop and handed the write end to the worker process, but its write_pipe variable never went out of scope ("The write_pipe never goes out of scope and so the last process's write_pipe is never closed"), so the log watcher reading the last read end never saw EOF when that worker exited ("EOF never happens!") and hung
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
