# family: queue
# hazard: join-before-drain
# line: 29 r27kit/clients.py:39
# files: r27kit/clients.py
# timeout: 12
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: https://github.com/tempesta-tech/tempesta-test/issues/307 (fixed by PR #311) -- "Curl hangs when quite large data returned is stdout": the external client's process puts its whole stdout (a ~100 KB WordPress page) on a multiprocessing.Queue, and the test stops (joins) the client before the framework reads the queue; the child cannot exit until the pipe is drained, the parent waits in join
"""Self-test of the test framework: fetch a large page through an external curl client and check it."""
import argparse
import sys
from dataclasses import dataclass

from r27kit.clients import CurlClient


@dataclass
class ExampleTest:
    url: str
    response_size: int

    def setUp(self):
        self.client = CurlClient(self.url, self.response_size)

    def start_all(self):
        self.client.start()

    def tearDown(self):
        # the framework's order: stop every client first, then collect what each printed
        self.client.stop()
        self.client.receive()

    def test_client_large_data_output(self):
        self.setUp()
        self.start_all()
        self.tearDown()
        paragraphs, size = self.client.parse_out()
        return paragraphs, size


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="https://127.0.0.1/blog/")
    parser.add_argument("--size", type=int, default=100_000)
    args = parser.parse_args(argv)
    test = ExampleTest(args.url, args.size)
    paragraphs, size = test.test_client_large_data_output()
    print(f"RESULT=bytes={size}")
    return 0 if size == args.size and paragraphs > 0 else 3


if __name__ == "__main__":
    sys.exit(main())
