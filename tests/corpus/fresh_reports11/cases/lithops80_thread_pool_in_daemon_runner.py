# family: lifecycle
# hazard: none
# line: none
# files: r11kit/jobrunner.py r11kit/molecular_db_local.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/metaspace2020/Lithops-METASPACE/issues/80 -- the working variant: the step inside the daemonic runner process maps over a ThreadPoolExecutor, which starts no child processes
import argparse
import sys

from r11kit.jobrunner import JobRunner
from r11kit.molecular_db_local import build_database_local_threads


def parse_args(argv):
    parser = argparse.ArgumentParser(description="build the molecular database locally")
    parser.add_argument("--formulas", nargs="*", default=["C6H12O6", "C5H5N5", "H2O"])
    parser.add_argument("--timeout", type=float, default=10)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    runner = JobRunner(timeout=args.timeout)
    try:
        formulas = runner.run(build_database_local_threads, (args.formulas,))
    except Exception as e:
        print("build failed:", e)
        return 1
    print(len(formulas), "formula/adduct pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
