# family: guard
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/MagicStack/uvloop/issues/735 -- the first fix the report lists: run_test moves to module level and receives the message and request size as arguments, so a spawned worker finds it when it imports the script as __mp_main__
import argparse
import concurrent.futures
import time

MSGSIZE_DEFAULT = 1000


def build_message(size):
    return b"x" * size


def run_test(n, msg, reqsize):
    print("Sending", n, "messages")
    for _ in range(n):
        echoed = bytes(msg)
        nrecv = len(echoed)
        while nrecv < reqsize:
            nrecv += len(echoed)
    return n


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--msize", default=MSGSIZE_DEFAULT, type=int)
    parser.add_argument("--num", default=50, type=int)
    parser.add_argument("--workers", default=2, type=int)
    args = parser.parse_args()

    msg = build_message(args.msize)
    TIMES = 3
    N = args.num
    started = time.monotonic()
    with concurrent.futures.ProcessPoolExecutor(max_workers=args.workers) as e:
        futures = []
        for _ in range(TIMES):
            futures.append(
                e.submit(run_test, N, msg, args.msize))
        done = [f.result() for f in futures]
    took = time.monotonic() - started
    print(f"{sum(done)} messages in {took:.2f} seconds")
