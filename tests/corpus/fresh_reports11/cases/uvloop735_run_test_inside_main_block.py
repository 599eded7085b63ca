# family: guard
# hazard: guard-local-function
# line: 45 46
# expect: fork=ok spawn=attribute_error_mp_main forkserver=attribute_error_mp_main
# timeout: 10
# note: https://github.com/MagicStack/uvloop/issues/735 -- examples/bench/echoclient.py defines run_test inside the `if __name__ == "__main__":` block and submits it to a ProcessPoolExecutor; under spawn/forkserver the worker unpickles the call item in __mp_main__, where run_test never exists
import argparse
import concurrent.futures
import time

MSGSIZE_DEFAULT = 1000


def build_message(size):
    return b"x" * size


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--msize", default=MSGSIZE_DEFAULT, type=int)
    parser.add_argument("--num", default=50, type=int)
    parser.add_argument("--workers", default=2, type=int)
    args = parser.parse_args()

    msg = build_message(args.msize)
    REQSIZE = args.msize

    def run_test(n):
        # in the report this opens a socket to the echo server and loops;
        # the reduction keeps the loop over an in-memory "echo"
        print("Sending", n, "messages")
        for _ in range(n):
            echoed = bytes(msg)
            nrecv = len(echoed)
            while nrecv < REQSIZE:
                nrecv += len(echoed)
        return n

    TIMES = 3
    N = args.num
    started = time.monotonic()
    with concurrent.futures.ProcessPoolExecutor(max_workers=args.workers) as e:
        futures = []
        for _ in range(TIMES):
            futures.append(
                e.submit(run_test, N))
        done = [f.result() for f in futures]
    took = time.monotonic() - started
    print(f"{sum(done)} messages in {took:.2f} seconds")
