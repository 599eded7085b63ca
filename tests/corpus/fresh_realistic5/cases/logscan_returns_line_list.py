# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/dials/dials/pull/3156 -- the fix: the worker materialises the helper's generator into a list before returning it.
"""Log scanner: each worker opens one log and hands back the error lines."""
import argparse
import multiprocessing as mp
import os

from rz5kit import io as kio

LOGS = {
    "api.log": ["INFO start", "ERROR timeout", "INFO done"],
    "db.log": ["ERROR deadlock", "ERROR deadlock", "INFO vacuum"],
}


def write_logs(root):
    paths = []
    for name, lines in LOGS.items():
        path = os.path.join(root, name)
        with open(path, "w") as fh:
            fh.write("\n".join(lines) + "\n")
        paths.append(path)
    return paths


class Scanner:
    def __init__(self, level):
        self.level = level

    def errors_in(self, path):
        lines = kio.iter_lines(path)
        return [line for line in lines if line.startswith(self.level)]


def scan(path):
    scanner = Scanner("ERROR")
    return scanner.errors_in(path)


def main():
    cli = argparse.ArgumentParser()
    cli.add_argument("--workers", type=int, default=2)
    args = cli.parse_args()
    paths = write_logs(kio.scratch_dir("logscan5"))
    with mp.Pool(args.workers) as pool:
        found = pool.map(scan, paths)
    total = sum(len(list(lines)) for lines in found)
    print("RESULT=" + str(total))
    return 0 if total == 3 else 3


if __name__ == "__main__":
    raise SystemExit(main())
