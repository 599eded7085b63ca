# family: start_method
# hazard: app-object-with-workers
# line: 44
# files: l9kit/jac_server.py
# expect: fork=exit_1 spawn=exit_1 forkserver=exit_1
# note: https://github.com/jaseci-labs/jac/pull/5347 -- "Uvicorn with multiple workers requires an import string, not an app object ... uvicorn.run(app, workers=4) FAILS": the first cut of `jac start --workers N` built the app in the CLI process and passed the object to uvicorn.run with workers > 1; uvicorn logs "You must pass the application as an import string to enable 'reload' or 'workers'." and exits with status 3, which the CLI reports as 1 (its worker processes are always spawned, so they could not receive the object)
"""`jac start app.jac --workers N`: serve a jac program over HTTP with several uvicorn workers."""
import argparse
import socket

import uvicorn

from l9kit.jac_server import create_app, resolve_workers


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
    return ap.parse_args(argv)


class ServeCommand:
    def __init__(self, args):
        self.args = args
        self.workers = resolve_workers(args.workers)
        self.port = args.port or free_port()

    def build_app(self):
        print(f"compiling {self.args.program}")
        return create_app()

    def run(self):
        app = self.build_app()
        print(f"serving on {self.args.host}:{self.port} with {self.workers} workers")
        uvicorn.run(app, host=self.args.host, port=self.port, workers=self.workers, log_level="warning")
        return 0


def main(argv=None):
    try:
        rc = ServeCommand(parse_args(argv)).run()
    except SystemExit as exc:  # uvicorn exits with its STARTUP_FAILURE status (3); the CLI reports 1
        print(f"jac start: server did not start (status {exc.code})")
        return 1
    print("RESULT=stopped")
    return rc


if __name__ == "__main__":
    raise SystemExit(main())
