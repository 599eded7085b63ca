# family: returns
# hazard: unpicklable-return
# line: 22
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: A pool task returns the re.Match object itself instead of its groups; results travel back pickled under every start method and re.Match cannot be pickled. Modelled on https://github.com/uqfoundation/dill/issues/306 ("can't dump <_sre.SRE_Match object ...>").
"""Find version strings in a set of requirement lines in parallel."""
import multiprocessing
import re

VERSION = re.compile(r"(?P<name>[A-Za-z0-9_.-]+)\s*==\s*(?P<version>[0-9][0-9A-Za-z.]*)")

REQUIREMENTS = [
    "requests==2.31.0",
    "numpy == 1.26.4",
    "rich",
    "attrs==23.2.0",
]


def find_pin(line):
    match = VERSION.search(line)
    return match


def main():
    with multiprocessing.Pool(2) as pool:
        matches = pool.map(find_pin, REQUIREMENTS)
    for line, match in zip(REQUIREMENTS, matches):
        if match:
            print(f"{match['name']}: pinned to {match['version']}")
        else:
            print(f"{line}: not pinned")


if __name__ == "__main__":
    main()
