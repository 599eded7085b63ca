# family: lifecycle
# hazard: daemon-children
# line: 26 r11kit/molecular_db_local.py:12 r11kit/molecular_db_local.py:13
# files: r11kit/jobrunner.py r11kit/molecular_db_local.py
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# timeout: 15
# note: https://github.com/metaspace2020/Lithops-METASPACE/issues/80 -- build_database_local runs inside the runner's daemonic process and calls ProcessPoolExecutor.map in get_formulas_df, which fails with "daemonic processes are not allowed to have children"; the program reduces the runner, the step and the local database build
import argparse
import sys

from r11kit.jobrunner import JobRunner
from r11kit.molecular_db_local import build_database_local


def parse_args(argv):
    parser = argparse.ArgumentParser(description="build the molecular database locally")
    parser.add_argument("--formulas", nargs="*", default=["C6H12O6", "C5H5N5", "H2O"])
    parser.add_argument("--timeout", type=float, default=10)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    runner = JobRunner(timeout=args.timeout)
    try:
        formulas = runner.run(build_database_local, (args.formulas,))
    except Exception as e:
        print("build failed:", e)
        return 1
    print(len(formulas), "formula/adduct pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
