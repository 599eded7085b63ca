# family: callable
# hazard: unpicklable-target
# line: 36 37
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/ouspg/trytls/issues/196 -- "AttributeError: Can't pickle local object 'http_server.<locals>.serve'" on Windows: the test runner's http_server() context manager starts a Process whose target is a function defined inside it; reduced to a runner with a table of test cases and an http_server() that serves canned replies from a nested serve()
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


@contextlib.contextmanager
def http_server(certdata, replies):
    requests = multiprocessing.Queue()

    def serve():
        while True:
            host = requests.get()
            if host is None:
                break
            replies.put((host, certdata.get(host, "unknown")))

    process = multiprocessing.Process(target=serve, daemon=True)
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
