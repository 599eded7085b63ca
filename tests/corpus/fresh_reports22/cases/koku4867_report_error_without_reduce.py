# family: exceptions
# hazard: unpicklable-exception
# line: 29 39
# files: r25kit/reports.py
# timeout: 12
# expect: fork=error:TypeError+hang spawn=error:TypeError+hang forkserver=error:TypeError+hang
# note: https://github.com/project-koku/koku/pull/4867 -- "[COST-4575] Define a __reduce__ method on exceptions": koku's custom processor exceptions take two arguments but pass one formatted message to Exception.__init__, so the result handler cannot rebuild them when a worker raises one ("unpickling errors of our custom exception classes", seen through celery's billiard pool); here a multiprocessing.Pool whose result thread dies on the TypeError, and the run waits forever
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
