# family: start_method
# hazard: set-start-method-misuse
# line: 24 r7kit/cgov.py:5
# files: r7kit/cgov.py
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: https://github.com/redhat-performance/cloud-governance/pull/817 -- the PR added set_start_method('fork') so policies run on macOS; an entry point that also fixes the method itself, after importing the policy module that already did, raises "context has already been set"
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
    if sys.platform in ("darwin", "linux"):
        multiprocessing.set_start_method("fork")
    results = cgov.run_policies(args.policies.split(","), workers=args.workers)
    print("RESULT=" + ",".join(results))
    sys.exit(0 if len(results) == 2 else 3)


if __name__ == "__main__":
    main()
