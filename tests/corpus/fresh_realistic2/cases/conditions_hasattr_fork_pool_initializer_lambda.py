# family: conditions
# hazard: unpicklable-callable
# line: 27
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of the "lambdas as Pool(initializer=...)" reports (HAZARDS.md) as in https://github.com/fastapi/fastapi/issues/12936's service (a pool created in an initialization function): a service prefers fork when `hasattr(os, "fork")`, but only for the *platform check*; it still builds the Pool from the default context with `initializer=lambda: signal.signal(SIGINT, SIG_IGN)`. The initializer is inherited under fork and pickled under spawn/forkserver.
"""Geocode addresses in a worker pool that ignores Ctrl-C (the parent handles it).

Usage: geocode.py [--workers N]
"""
import argparse
import multiprocessing
import os
import signal

ADDRESSES = ["10 Downing St", "1600 Pennsylvania Ave", "221B Baker St", "4 Privet Drive"]
HAS_FORK = hasattr(os, "fork")


def geocode(address):
    number = int(address.split()[0].rstrip("B"))
    return address, (51.0 + number / 10000, -0.1 - number / 10000)


def make_pool(workers):
    if not HAS_FORK:
        return multiprocessing.Pool(workers)
    return multiprocessing.Pool(workers, initializer=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    pool = make_pool(args.workers)
    try:
        for address, (lat, lon) in pool.map(geocode, ADDRESSES):
            print(f"{address}: {lat:.4f}, {lon:.4f}")
    finally:
        pool.close()
        pool.join()


if __name__ == "__main__":
    main()
