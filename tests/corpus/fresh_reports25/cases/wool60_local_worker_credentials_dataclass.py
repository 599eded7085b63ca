# family: object
# hazard: none
# line: none
# files: r28kit/workercreds.py
# timeout: 20
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/wool-labs/wool/issues/60 -- the fix the issue names: "pass the WorkerCredentials dataclass (which is picklable) to WorkerProcess instead of the resolved gRPC credential objects" and resolve .server_credentials inside run(), after the fork/spawn; the worker process then pickles under every start method
"""Start a local wool worker pool with mutual TLS and wait until every worker reports ready."""
import argparse
import multiprocessing
import sys

from r28kit.workercreds import WorkerCredentials, WorkerProcess


class LocalWorker:
    def __init__(self, *tags, credentials=None):
        self._ready = multiprocessing.Queue()
        self._credentials = credentials  # resolved by the worker itself, in its own process
        self._worker = WorkerProcess(tags=tags, ready=self._ready, credentials=self._credentials)

    def start(self):
        self._worker.start()
        return self._ready.get(timeout=30)

    def stop(self):
        self._worker.join(timeout=30)


class WorkerPool:
    def __init__(self, size, credentials=None):
        self.workers = [LocalWorker(f"w{i}", credentials=credentials) for i in range(size)]
        self.ready = []

    def __enter__(self):
        self.ready = [worker.start() for worker in self.workers]
        return self

    def __exit__(self, *exc_info):
        for worker in self.workers:
            worker.stop()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--certs", default="/etc/wool/certs")
    args = parser.parse_args(argv)
    credentials = WorkerCredentials(ca_path=f"{args.certs}/ca.pem", key_path=f"{args.certs}/worker.key",
                                    cert_path=f"{args.certs}/worker.pem", mutual=True)
    with WorkerPool(args.workers, credentials=credentials) as pool:
        modes = sorted({mode for _tags, mode in pool.ready})
    print(f"RESULT=ready={len(pool.ready)} modes={','.join(modes)}")
    return 0 if len(pool.ready) == args.workers and modes == ["mtls"] else 3


if __name__ == "__main__":
    sys.exit(main())
