# family: exceptions
# hazard: none
# line: none
# files: r15kit/shellcmd_pickles.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/amoffat/sh/issues/439 -- the fix for this report: ErrorReturnCode gets a __reduce__ that rebuilds it from (full_cmd, stdout, stderr), so the exception raised by a failing command in a worker is re-created in the parent and caught there
import argparse
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from r15kit import shellcmd_pickles as shellcmd


@dataclass
class LintJob:
    name: str
    exit_code: int

    def argv(self):
        code = f"import sys; print('checked {self.name}'); sys.exit({self.exit_code})"
        return [sys.executable, "-c", code]


@dataclass
class Report:
    passed: list = field(default_factory=list)
    failed: dict = field(default_factory=dict)


def lint_one(job):
    return job.name, shellcmd.run(job.argv())


class LintFarm:
    def __init__(self, jobs, workers=2):
        self.jobs = jobs
        self.workers = workers

    def run(self):
        report = Report()
        with ProcessPoolExecutor(max_workers=self.workers) as pool:
            futures = {job.name: pool.submit(lint_one, job) for job in self.jobs}
            for name, future in futures.items():
                try:
                    future.result()
                    report.passed.append(name)
                except shellcmd.ErrorReturnCode as exc:
                    report.failed[name] = exc.exit_code
        return report


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    jobs = [LintJob("core", 0), LintJob("io", 1), LintJob("net", 0), LintJob("ui", 2)]
    report = LintFarm(jobs, args.workers).run()
    failed = ",".join(f"{k}={v}" for k, v in sorted(report.failed.items()))
    print(f"RESULT={len(report.passed)}:{failed}")
    return 0 if (len(report.passed), failed) == (2, "io=1,ui=2") else 3


if __name__ == "__main__":
    sys.exit(main())
