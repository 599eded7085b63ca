# family: exceptions
# hazard: none
# line: none
# files: r25kit/reports.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/project-koku/koku/pull/4867 -- the fix: the exception defines __reduce__ returning its class and both constructor arguments, so the pool's result handler rebuilds it in the parent and the failed report is counted
"""Process a month of cost reports in a worker pool and summarise the failures."""
import argparse
import multiprocessing
import sys
from dataclasses import dataclass, field

from r25kit.reports import parse_rows, sample_manifests


class ReportProcessorError(Exception):
    """Raised when a report has rows that cannot be costed."""

    def __init__(self, report_key, bad_rows):
        super().__init__(f"{report_key}: {len(bad_rows)} bad row(s) {bad_rows}")
        self.report_key = report_key
        self.bad_rows = bad_rows

    def __reduce__(self):
        return (self.__class__, (self.report_key, self.bad_rows))


def process_report(manifest):
    total, bad = parse_rows(manifest)
    if bad:
        raise ReportProcessorError(manifest.key, bad)
    return manifest.key, total


@dataclass
class ProcessingSummary:
    totals: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)

    def collect(self, pool, manifests):
        pending = [(m.key, pool.apply_async(process_report, (m,))) for m in manifests]
        for key, res in pending:
            try:
                k, total = res.get()
                self.totals[k] = total
            except ReportProcessorError as exc:
                self.failures.append(exc.report_key)
        return self


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    with multiprocessing.Pool(args.workers) as pool:
        summary = ProcessingSummary().collect(pool, sample_manifests())
    value = f"ok={len(summary.totals)} failed={','.join(summary.failures)}"
    print(f"RESULT={value}")
    return 0 if value == "ok=3 failed=gcp/2024-01" else 3


if __name__ == "__main__":
    sys.exit(main())
