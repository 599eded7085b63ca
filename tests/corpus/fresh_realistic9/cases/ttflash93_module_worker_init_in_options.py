# family: callable
# hazard: none
# line: none
# files: s17kit/devutil.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/tenstorrent/tt-flash/pull/93 -- the merged fix: the lambda becomes worker_init(), a function of the utility module, still passed through the dict of pool options to Pool(**options)
import argparse
import sys
from multiprocessing import Pool

from s17kit.devutil import fake_flash, worker_init


def pool_options(devices, ignore_sigint=True):
    options = {"processes": min(len(devices), 2)}
    if ignore_sigint:
        options["initializer"] = worker_init
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
