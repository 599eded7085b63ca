# family: conditions
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/numpy/numpy/issues/22203 (a test's local function as Process target, "Can't pickle local object 'TestSaveTxt.test_large_zip.<locals>.check_large_zip'" on macOS), fixed by preferring fork where it exists: a lookup benchmark uses `get_context("fork")` only `if "fork" in get_all_start_methods()`, and the closure target is only started through that fork context; elsewhere it runs the lookups inline. On Linux every default start method takes the fork branch, so the closure is never pickled.
"""Benchmark concurrent lookups in an in-memory GeoIP-like table.

Usage: bench_lookups.py [--procs N]
"""
import argparse
import bisect
import multiprocessing

RANGES = [(0, "ZZ"), (16777216, "AU"), (3232235520, "LAN"), (3758096384, "MC")]
STARTS = [start for start, _ in RANGES]


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
    if "fork" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("fork")
        procs = [ctx.Process(target=check) for _ in range(args.procs)]
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join()
        codes = [proc.exitcode for proc in procs]
    else:
        check()
        codes = [0]
    print("exit codes", codes)
    if any(codes):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
