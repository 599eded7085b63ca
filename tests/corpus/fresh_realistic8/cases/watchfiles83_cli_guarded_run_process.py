# family: guard
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/samuelcolvin/watchfiles/issues/83 -- the fix for the CLI: the module-level call moves under `if __name__ == "__main__":`, so the spawned child that re-imports the script does not start the reloader again
import argparse
import multiprocessing
import sys
import time
from dataclasses import dataclass


def build_docs(path):
    print("building docs in", path)


def run_tests(path):
    print("running tests in", path)


COMMANDS = {"docs": build_docs, "tests": run_tests}


@dataclass
class WatchOptions:
    path: str
    target: str
    debounce: float = 0.1


def start_process(options):
    target = COMMANDS[options.target]
    process = multiprocessing.Process(target=target, args=(options.path,))
    process.start()
    return process


def run_process(options, changes=1):
    for _ in range(changes):
        process = start_process(options)
        process.join(5)
        time.sleep(options.debounce)
    return changes


def cli(argv):
    parser = argparse.ArgumentParser(prog="watchgod")
    parser.add_argument("target", nargs="?", default="docs", choices=sorted(COMMANDS))
    parser.add_argument("--path", default=".")
    args = parser.parse_args(argv)
    return run_process(WatchOptions(path=args.path, target=args.target))


if __name__ == "__main__":
    cli(sys.argv[1:])
