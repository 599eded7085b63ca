# family: results
# hazard: unpicklable-exception
# line: 29 r12kit/rlpcodec.py:34
# files: r12kit/rlpcodec.py
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# timeout: 15
# note: https://github.com/ethereum/trio-run-in-process/issues/11 -- custom exceptions whose constructor needs two arguments (rlp.exceptions.SerializationError(message, obj)) cannot be unpickled, so one raised in the child crashes the runner; here a block encoder in a worker raises the codec's SerializationError and the parent cannot rebuild it
import sys
from concurrent.futures import ProcessPoolExecutor

from r12kit.rlpcodec import Field, SerializationError, encode_block


class ProcessRunner:
    """run_in_process-like: run one function in a worker process and return its value or raise its error."""

    def __init__(self, max_workers=1):
        self.max_workers = max_workers
        self.executor = None

    def __enter__(self):
        self.executor = ProcessPoolExecutor(max_workers=self.max_workers)
        return self

    def __exit__(self, *exc):
        self.executor.shutdown(wait=True)

    def run(self, fn, *args):
        future = self.executor.submit(fn, *args)
        return future.result(timeout=10)


def encode_header(fields):
    return encode_block(fields)


BLOCKS = {
    "good": [Field("number", 7), Field("hash", b"\x01\x02")],
    "bad": [Field("number", 8), Field("extra", {"not": "rlp"})],
}


def main():
    outcomes = {}
    with ProcessRunner() as runner:
        for name, fields in BLOCKS.items():
            try:
                outcomes[name] = runner.run(encode_header, fields)
            except SerializationError as exc:
                outcomes[name] = f"rejected: {exc}"
    print(f"RESULT={sorted(outcomes)}")
    return 0 if "rejected" in outcomes["bad"] else 3


if __name__ == "__main__":
    sys.exit(main())
