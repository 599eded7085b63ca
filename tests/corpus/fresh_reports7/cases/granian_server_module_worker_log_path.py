# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/emmett-framework/granian/issues/79 -- the fix's shape: the worker entry point is a module-level function that receives the target and the log path, and opens its own log stream in the child
import multiprocessing
import os
import sys
import tempfile


def worker_main(idx, target, out_path, access_log_path):
    log = open(access_log_path, "a") if access_log_path else None
    with open(out_path, "a") as out:
        out.write(f"worker {idx} serving {target}\n")
    if log:
        log.close()


class Server:
    def __init__(self, target, workers=2, access_log=None):
        self.target = target
        self.workers = workers
        self.access_log_path = access_log
        self.procs = []

    def startup(self, out_path):
        for idx in range(self.workers):
            proc = multiprocessing.Process(
                target=worker_main, args=(idx, self.target, out_path, self.access_log_path)
            )
            proc.start()
            self.procs.append(proc)

    def shutdown(self):
        for proc in self.procs:
            proc.join()


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
