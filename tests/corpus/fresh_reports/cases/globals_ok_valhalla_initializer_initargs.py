# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The fix of https://github.com/valhalla/valhalla/pull/3003 ("proper use of the initializer/initargs parameters to multiprocessing.Pool - each worker performs its own initialization call"): every worker, forked or spawned, makes its own session.
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
    pool = multiprocessing.Pool(processes=parsed_args.concurrency, initializer=initialize, initargs=(parsed_args,))
    try:
        lengths = pool.map(make_request, requests)
    finally:
        pool.close()
        pool.join()
    print("RESULT=%d" % sum(lengths))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
