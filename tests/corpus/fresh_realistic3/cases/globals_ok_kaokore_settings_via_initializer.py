# family: globals
# hazard: none
# line: none
# files: etlkit/config.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/rois-codh/kaokore/pull/5 (the fix: pass what the workers need instead of relying on globals); here the pool's initializer is etlkit.config.configure (through a small init_worker) with the parsed options as initargs
import argparse
import multiprocessing
import sys

from etlkit import config


def init_worker(options):
    config.configure(**options)


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
    options = {"verbose": args.verbose}
    config.configure(**options)
    records = [{"id": 1, "email": "a@x.org"}, {"id": 2, "email": ""}, {"id": 3, "email": "c@x.org"}]
    with multiprocessing.Pool(args.jobs, initializer=init_worker, initargs=(options,)) as pool:
        reports = pool.map(check_record, records)
    lines = [line for report in reports for line in report]
    print("RESULT=%d" % len(lines))
    if len(lines) != 4:
        sys.exit(3)


if __name__ == "__main__":
    main(["--verbose"])
