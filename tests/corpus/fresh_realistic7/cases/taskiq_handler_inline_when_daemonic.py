# family: lifecycle
# hazard: none
# line: none
# files: rz7kit/tasks.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/taskiq-python/taskiq/issues/335 -- the guard users add: the handler checks current_process().daemon and computes the chunks inline inside a daemonic worker, using a process pool only when it runs in a process that may have children
import multiprocessing as mp
import sys
from concurrent.futures import ProcessPoolExecutor

from rz7kit.tasks import square_sum


class ReportHandlers:
    def __init__(self, max_workers=2):
        self.max_workers = max_workers

    def crunch(self, rows):
        chunks = [rows[i:i + 3] for i in range(0, len(rows), 3)]
        if mp.current_process().daemon:
            return sum(square_sum(c) for c in chunks)
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
        kind, value = broker.call("crunch", list(range(9)), timeout=8)
    finally:
        broker.stop()
    print(kind, value)
    local = ReportHandlers().crunch(list(range(6)))
    print("local", local)
    return 0


if __name__ == "__main__":
    sys.exit(main())
