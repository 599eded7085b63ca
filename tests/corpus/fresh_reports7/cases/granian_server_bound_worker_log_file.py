# family: callable
# hazard: unpicklable-callable
# line: 25
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/emmett-framework/granian/issues/79 -- on macOS the server's worker spawn failed with "cannot pickle '_io.TextIOWrapper'": the server object handed to the worker process kept an open log stream
import multiprocessing
import os
import sys
import tempfile


class Server:
    def __init__(self, target, workers=2, access_log=None):
        self.target = target
        self.workers = workers
        self.access_log = open(access_log, "a") if access_log else None
        self.procs = []

    def _worker_main(self, idx, out_path):
        with open(out_path, "a") as out:
            out.write(f"worker {idx} serving {self.target}\n")

    def startup(self, out_path):
        for idx in range(self.workers):
            proc = multiprocessing.Process(target=self._worker_main, args=(idx, out_path))
            proc.start()
            self.procs.append(proc)

    def shutdown(self):
        for proc in self.procs:
            proc.join()
        if self.access_log:
            self.access_log.close()


def main():
    tmp = tempfile.mkdtemp()
    out_path = os.path.join(tmp, "served.txt")
    server = Server("app:asgi", access_log=os.path.join(tmp, "access.log"))
    server.startup(out_path)
    server.shutdown()
    with open(out_path) as f:
        lines = f.read().splitlines()
    print(f"RESULT={len(lines)}")
    sys.exit(0 if len(lines) == 2 else 3)


if __name__ == "__main__":
    main()
