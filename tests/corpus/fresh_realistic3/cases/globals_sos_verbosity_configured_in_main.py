# family: globals
# hazard: parent-state-not-inherited
# line: 33 etlkit/config.py:21
# files: etlkit/config.py
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: https://github.com/vatlab/sos/issues/1402 ("-v1 not passed to workers" once macOS moved to spawn); here a CLI parses --verbose and calls etlkit.config.configure() under the guard, and the pool workers read etlkit.config.active()
import argparse
import multiprocessing
import sys

from etlkit import config


def check_record(record):
    settings = config.active()
    problems = []
    if not record.get("email"):
        problems.append("missing email")
    if settings.verbose:
        problems.append("checked %s" % record["id"])
    return problems


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description="validate customer records")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    return ap.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    config.configure(verbose=args.verbose)
    records = [{"id": 1, "email": "a@x.org"}, {"id": 2, "email": ""}, {"id": 3, "email": "c@x.org"}]
    with multiprocessing.Pool(args.jobs) as pool:
        reports = pool.map(check_record, records)
    lines = [line for report in reports for line in report]
    print("RESULT=%d" % len(lines))
    if len(lines) != 4:
        sys.exit(3)


if __name__ == "__main__":
    main(["--verbose"])
