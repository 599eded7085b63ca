# family: guard
# hazard: missing-main-guard
# line: 35 55
# timeout: 10
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# note: https://github.com/samuelcolvin/watchfiles/issues/83 -- "RuntimeError throws using cli on windows ... Attempt to start a new process before the current process has finished its bootstrapping phase": the CLI script builds its arguments and calls run_process() at module level, and run_process starts the target in a new process; reduced to a reloader CLI that parses options, resolves the target from a dict of commands and starts it without a main guard
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


cli(sys.argv[1:])
