# family: globals
# hazard: parent-state-not-inherited
# line: 42 44 24
# expect: fork=ok spawn=error:NameError forkserver=error:NameError
# note: Shape of https://github.com/valhalla/valhalla/pull/3003 (run_with_server.py printed "name 'session' is not defined" on macOS): `Pool(initializer=initialize(parsed_args))` calls the initializer once in the parent and passes its None result, so the global session exists only in the parent; forked workers inherit it, spawned workers never define it.
"""Send a batch of routing requests to a local server, one HTTP session per worker."""
import argparse
import multiprocessing
import sys


class Session:
    def __init__(self, url):
        self.url = url
        self.sent = 0

    def post(self, path, body):
        self.sent += 1
        return {"url": self.url + path, "length": len(body)}


def initialize(args):
    global session
    session = Session(args.url)


def make_request(line):
    response = session.post("/route", line)
    return response["length"]


def parse_args(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://localhost:8002")
    parser.add_argument("--concurrency", type=int, default=2)
    return parser.parse_args(argv)


def main(argv):
    parsed_args = parse_args(argv)
    requests = ['{"locations": [%d]}' % i for i in range(6)]
    pool = multiprocessing.Pool(processes=parsed_args.concurrency, initializer=initialize(parsed_args))
    try:
        lengths = pool.map(make_request, requests)
    finally:
        pool.close()
        pool.join()
    print("RESULT=%d" % sum(lengths))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
