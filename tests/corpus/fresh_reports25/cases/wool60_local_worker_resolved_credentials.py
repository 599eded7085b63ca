# family: object
# hazard: unpicklable-process-arg
# line: 24 29
# files: r28kit/workercreds.py
# timeout: 20
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/wool-labs/wool/issues/60 -- "LocalWorker attempts to pickle TLS credentials across subprocess boundary": LocalWorker.__init__ evaluates credentials.server_credentials / client_credentials and stores the resolved objects on the WorkerProcess (a multiprocessing.Process subclass), which start() must pickle under spawn (macOS) and forkserver; here the resolved credentials are ssl.SSLContext objects: "TypeError: cannot pickle 'SSLContext' object", fork inherits them and works
"""Start a local wool worker pool with mutual TLS and wait until every worker reports ready."""
import argparse
import multiprocessing
import sys

from r28kit.workercreds import WorkerCredentials, WorkerProcess


class LocalWorker:
    def __init__(self, *tags, credentials=None):
        self._ready = multiprocessing.Queue()
        if credentials is not None:
            self._server_credentials = credentials.server_credentials
            self._client_credentials = credentials.client_credentials
        else:
            self._server_credentials = self._client_credentials = None
        self._worker = WorkerProcess(tags=tags, ready=self._ready,
                                     server_credentials=self._server_credentials,
                                     client_credentials=self._client_credentials)

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
