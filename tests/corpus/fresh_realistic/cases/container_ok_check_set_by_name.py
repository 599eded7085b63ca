# family: container
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss in the shape of a health-check runner (cf. https://github.com/uber/bayesmark/pull/8, where lambdas were the problem): the checks live in a set of module-level functions and are sorted by __name__ and dispatched as pool task arguments; functions pickle by qualified name, so every start method runs it.
"""Run the pre-release checks of a package in a process pool."""
import multiprocessing
import re

SEMVER = re.compile(r"^\d+\.\d+\.\d+$")


def check_version(meta):
    return bool(SEMVER.match(meta["version"]))


def check_license(meta):
    return meta.get("license") in {"MIT", "BSD-3-Clause", "Apache-2.0"}


def check_readme(meta):
    return len(meta.get("readme", "")) > 20


CHECKS = {check_version, check_license, check_readme}


def run_check(job):
    check, meta = job
    return check.__name__, check(meta)


def run_all(meta, processes=2):
    jobs = [(check, meta) for check in sorted(CHECKS, key=lambda c: c.__name__)]
    with multiprocessing.Pool(processes) as pool:
        return dict(pool.map(run_check, jobs))


if __name__ == "__main__":
    meta = {"version": "1.4.2", "license": "MIT", "readme": "A small package that does one thing."}
    outcome = run_all(meta)
    print("RESULT=%s" % sorted(outcome.items()))
