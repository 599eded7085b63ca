# family: callable
# hazard: unpicklable-initializer
# line: 33
# files: s17kit/devutil.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/tenstorrent/tt-flash/pull/93 -- tt-flash failed on Python 3.14 "on pickling the worker_init lambda function": the flasher's Pool is created with a lambda that makes workers ignore SIGINT; here the lambda sits in a dict of pool options built by a helper and reaches Pool(**options)
import argparse
import signal
import sys
from multiprocessing import Pool

from s17kit.devutil import fake_flash


def pool_options(devices, ignore_sigint=True):
    options = {"processes": min(len(devices), 2)}
    if ignore_sigint:
        options["initializer"] = lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)
    return options


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="tt-flash")
    parser.add_argument("--fw-tar", default="fw_pack-80.10.0.0")
    parser.add_argument("--boards", nargs="*", default=["n150-0", "n150-1", "n300-0"])
    parser.add_argument("--no-sigint-guard", action="store_true")
    return parser.parse_args(argv)


def flash_all(args):
    devices = [(b, args.fw_tar) for b in args.boards]
    options = pool_options(devices, ignore_sigint=not args.no_sigint_guard)
    with Pool(**options) as pool:
        return pool.map(fake_flash, devices)


def main(argv):
    args = parse_args(argv)
    for line in flash_all(args):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
