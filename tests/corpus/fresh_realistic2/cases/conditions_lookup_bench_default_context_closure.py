# family: conditions
# hazard: unpicklable-callable
# line: 43
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/numpy/numpy/issues/22203 ("AttributeError: Can't pickle local object 'TestSaveTxt.test_large_zip.<locals>.check_large_zip'" on macOS with the default start method): the benchmark tests only `sys.platform == "win32"` to skip process mode, and on every other platform starts the closure with the default context. Under a fork default it works; under spawn/forkserver (macOS, Linux on 3.14) the local function cannot be pickled.
"""Benchmark concurrent lookups in an in-memory GeoIP-like table.

Usage: bench_lookups.py [--procs N]
"""
import argparse
import bisect
import multiprocessing
import sys

RANGES = [(0, "ZZ"), (16777216, "AU"), (3232235520, "LAN"), (3758096384, "MC")]
STARTS = [start for start, _ in RANGES]
USE_PROCESSES = sys.platform != "win32"


def country(ip_int):
    return RANGES[bisect.bisect_right(STARTS, ip_int) - 1][1]


def make_checker(samples, expected):
    def check():
        got = [country(ip) for ip in samples]
        if got != expected:
            raise SystemExit(f"mismatch: {got} != {expected}")
    return check


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--procs", type=int, default=3)
    args = parser.parse_args()

    samples = [16777300, 3232235777, 42, 3758096400]
    expected = ["AU", "LAN", "ZZ", "MC"]
    check = make_checker(samples, expected)
    if USE_PROCESSES:
        procs = [multiprocessing.Process(target=check) for _ in range(args.procs)]
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join()
        codes = [proc.exitcode for proc in procs]
    else:
        check()
        codes = [0]
    print("exit codes", codes)


if __name__ == "__main__":
    main()
