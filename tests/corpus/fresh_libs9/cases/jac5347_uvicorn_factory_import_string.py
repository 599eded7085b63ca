# family: start_method
# hazard: none
# line: none
# files: l9kit/jac_server.py
# timeout: 30
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/jaseci-labs/jac/pull/5347 -- the PR's shape: uvicorn.run("module:factory", factory=True, workers=N); each spawned worker imports l9kit.jac_server and calls create_app() itself; this CLI answers one request through the workers, then stops the supervisor with SIGINT
"""`jac start app.jac --workers N`: serve a jac program over HTTP with several uvicorn workers."""
import argparse
import json
import os
import signal
import socket
import threading
import time
import urllib.request

import uvicorn

from l9kit.jac_server import resolve_workers

APP_FACTORY = "l9kit.jac_server:create_app"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def parse_args(argv=None):
    ap = argparse.ArgumentParser(prog="jac start", description=__doc__)
    ap.add_argument("program", nargs="?", default="app.jac")
    ap.add_argument("-w", "--workers", default="2", help='an integer or "auto"')
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--smoke-test", action="store_true", default=True)
    return ap.parse_args(argv)


class SmokeTest(threading.Thread):
    """Waits for the server, posts to a walker, then asks the supervisor to stop."""

    def __init__(self, url, deadline=20.0):
        super().__init__(daemon=True)
        self.url = url
        self.deadline = deadline
        self.answer = None

    def run(self):
        end = time.monotonic() + self.deadline
        while time.monotonic() < end and self.answer is None:
            try:
                req = urllib.request.Request(self.url + "/walker/greet", data=b'{"name": "jac"}', method="POST")
                with urllib.request.urlopen(req, timeout=2) as resp:
                    self.answer = json.loads(resp.read())
            except OSError:
                time.sleep(0.2)
        os.kill(os.getpid(), signal.SIGINT)


class ServeCommand:
    def __init__(self, args):
        self.args = args
        self.workers = resolve_workers(args.workers)
        self.port = args.port or free_port()

    def run(self):
        print(f"serving {self.args.program} on {self.args.host}:{self.port} with {self.workers} workers")
        probe = SmokeTest(f"http://{self.args.host}:{self.port}")
        probe.start()
        uvicorn.run(APP_FACTORY, factory=True, host=self.args.host, port=self.port,
                    workers=self.workers, log_level="warning")
        probe.join(timeout=5)
        return probe.answer


def main(argv=None):
    answer = ServeCommand(parse_args(argv)).run()
    if not answer:
        print("RESULT=no-answer")
        return 3
    print(f"RESULT={answer['message']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
