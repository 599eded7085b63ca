# family: queue
# hazard: none
# line: none
# files: r27kit/clients.py
# timeout: 12
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/tempesta-tech/tempesta-test/pull/311 (fixes issue #307) -- the fix the PR points to ("The problem of hangs is described in Programming guidelines"): the client's output is taken off the queue before the client process is joined, so the child's feeder thread can flush the large page and the process exits
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
        # drain the queue first (programming guidelines: join only after the queued data is consumed)
        self.client.receive()
        self.client.stop()

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
