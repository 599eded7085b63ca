# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/ouspg/trytls/issues/196 -- the fix: serve() moves to module level and receives the request queue, the certificate table and the reply queue as arguments, so the server process can be started under spawn (Windows)
import contextlib
import multiprocessing
import sys
from dataclasses import dataclass


@dataclass
class TestCase:
    description: str
    host: str
    accept: bool


CASES = [
    TestCase("expired certificate", "expired.local", False),
    TestCase("SHA-256 signature", "sha256.local", True),
]


def serve(requests, certdata, replies):
    while True:
        host = requests.get()
        if host is None:
            break
        replies.put((host, certdata.get(host, "unknown")))


@contextlib.contextmanager
def http_server(certdata, replies):
    requests = multiprocessing.Queue()
    process = multiprocessing.Process(target=serve, args=(requests, certdata, replies), daemon=True)
    process.start()
    try:
        yield requests
    finally:
        requests.put(None)
        process.join(5)


def check(case, reply):
    host, cert = reply
    accepted = cert == "valid"
    return "PASS" if accepted == case.accept else "FAIL"


RUNNERS = {"https": check}


def main(argv):
    certdata = {"expired.local": "expired", "sha256.local": "valid"}
    replies = multiprocessing.Queue()
    runner = RUNNERS[argv[1] if len(argv) > 1 else "https"]
    with http_server(certdata, replies) as requests:
        for case in CASES:
            requests.put(case.host)
            print(runner(case, replies.get(timeout=5)), case.description)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
