# family: start_method
# hazard: none
# line: none
# files: r7kit/cgov.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/redhat-performance/cloud-governance/pull/817 -- the same entry point fixes the method only when nothing has chosen one yet (get_start_method(allow_none=True) is None); the policy module imported first already did
import argparse
import multiprocessing
import sys

from r7kit import cgov


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="cloud-governance")
    parser.add_argument("--policies", default="tag_resources,zombie_volumes")
    parser.add_argument("--workers", type=int, default=2)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv if argv is not None else [])
    if multiprocessing.get_start_method(allow_none=True) is None:
        multiprocessing.set_start_method("fork")
    results = cgov.run_policies(args.policies.split(","), workers=args.workers)
    print("RESULT=" + ",".join(results) + "," + multiprocessing.get_start_method())
    sys.exit(0 if len(results) == 2 else 3)


if __name__ == "__main__":
    main()
