# family: object
# hazard: daemon-children
# line: 27
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: Shape of https://github.com/fastapi/fastapi/issues/12936 ("started multiple processes within a single process, resulting in an error: AssertionError: daemonic processes are not allowed to have children"): a supervisor Process subclass is made daemonic in its __init__ (so it dies with the app) and its run() starts one consumer Process per queue; a daemonic process may not have children, so the supervisor's first start() raises under every start method and the supervisor exits 1.
"""Supervise one consumer process per queue, restarting the supervisor with the app."""
import multiprocessing
import sys

QUEUES = ["emails", "thumbnails"]


def consume(name, done):
    done.put((name, "drained"))


class Supervisor(multiprocessing.Process):
    def __init__(self, queues, done):
        super().__init__(daemon=True, name="supervisor")
        self.queues = queues
        self.done = done

    def run(self):
        workers = []
        for name in self.queues:
            worker = multiprocessing.Process(target=consume, args=(name, self.done))
            worker.start()
            workers.append(worker)
        for worker in workers:
            worker.join()
        self.done.put(("supervisor", "ok"))


def main():
    done = multiprocessing.Queue()
    sup = Supervisor(QUEUES, done)
    sup.start()
    sup.join(timeout=10)
    seen = []
    while not done.empty():
        seen.append(done.get())
    print(f"RESULT={sorted(seen)} exitcode={sup.exitcode}")
    return 0 if sup.exitcode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
