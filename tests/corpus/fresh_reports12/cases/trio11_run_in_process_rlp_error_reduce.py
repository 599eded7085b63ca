# family: results
# hazard: none
# line: none
# files: r12kit/rlpcodec.py
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 15
# note: https://github.com/ethereum/trio-run-in-process/issues/11 -- the fix named in the thread (bpo-32696): the two-argument error defines __reduce__ with both constructor arguments, so the parent rebuilds the error the worker raised and the runner reports it
import sys
from concurrent.futures import ProcessPoolExecutor

from r12kit.rlpcodec import Field, PicklableSerializationError, encode_block


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
    return encode_block(fields, error_cls=PicklableSerializationError)


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
            except PicklableSerializationError as exc:
                outcomes[name] = f"rejected: {exc} ({exc.obj[0]})"
    print(f"RESULT={sorted(outcomes)}")
    return 0 if "rejected" in outcomes["bad"] else 3


if __name__ == "__main__":
    sys.exit(main())
