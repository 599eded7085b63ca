# family: lifecycle
# hazard: daemon-children
# line: 20, 21
# files: rz7kit/tasks.py
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: https://github.com/taskiq-python/taskiq/issues/335 -- "AssertionError: daemonic processes are not allowed to have children" from a task that fans out to a process pool inside a taskiq worker process; reduced to a broker worker (daemon Process) whose handler table dispatches to a method that submits to a ProcessPoolExecutor
import multiprocessing as mp
import sys
from concurrent.futures import ProcessPoolExecutor

from rz7kit.tasks import square_sum


class ReportHandlers:
    def __init__(self, max_workers=2):
        self.max_workers = max_workers

    def crunch(self, rows):
        chunks = [rows[i:i + 3] for i in range(0, len(rows), 3)]
        with ProcessPoolExecutor(max_workers=self.max_workers) as ex:
            futs = [ex.submit(square_sum, c) for c in chunks]
            return sum(f.result() for f in futs)

    def echo(self, rows):
        return list(rows)


def worker_loop(inbox, outbox):
    handlers = ReportHandlers()
    table = {"crunch": handlers.crunch, "echo": handlers.echo}
    while True:
        msg = inbox.get()
        if msg is None:
            break
        kind, payload = msg
        outbox.put((kind, table[kind](payload)))


class Broker:
    def __init__(self):
        self.inbox = mp.Queue()
        self.outbox = mp.Queue()
        self.proc = None

    def start(self):
        self.proc = mp.Process(target=worker_loop, args=(self.inbox, self.outbox),
                               daemon=True, name="taskiq-worker-0")
        self.proc.start()

    def call(self, kind, payload, timeout=10):
        self.inbox.put((kind, payload))
        return self.outbox.get(timeout=timeout)

    def stop(self):
        self.inbox.put(None)
        self.proc.join(5)


def main():
    broker = Broker()
    broker.start()
    try:
        kind, value = broker.call("crunch", list(range(9)), timeout=4)
    except Exception as exc:
        print("worker did not answer:", type(exc).__name__)
        return 1
    finally:
        broker.stop()
    print(kind, value)
    return 0


if __name__ == "__main__":
    sys.exit(main())
