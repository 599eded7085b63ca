# family: daemon
# hazard: none
# line: none
# files: l24kit/__init__.py l24kit/exposure.py l24kit/concurrency_billiard.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/OasisLMF/OasisLMF/pull/90 -- near miss: the PR's change, "replace multiprocessing.Pool by billiard.Pool in multiprocessing wrapper": billiard lets Celery's daemonic pool workers start children
"""A worker that runs exposure-loss tasks the way a Celery prefork worker runs them."""
from __future__ import annotations

import sys
from dataclasses import dataclass

import billiard

from l24kit.concurrency_billiard import multiprocess
from l24kit.exposure import ground_up_loss, portfolio


@dataclass
class AnalysisRequest:
    analysis_id: int
    n_locations: int


def run_analysis(req: AnalysisRequest) -> float:
    """The task body: the API client asks for the portfolio's ground-up losses."""
    losses = multiprocess(ground_up_loss, portfolio(req.n_locations))
    return round(sum(losses), 2)


class PreforkWorker:
    """Celery's prefork pool: a billiard Pool whose (daemonic) children run the task bodies."""

    def __init__(self, concurrency: int = 2):
        self.pool = billiard.Pool(processes=concurrency)

    def apply(self, task, *args):
        return self.pool.apply(task, args)

    def stop(self):
        self.pool.close()
        self.pool.join()


def main() -> int:
    worker = PreforkWorker()
    try:
        total = worker.apply(run_analysis, AnalysisRequest(1, 6))
    finally:
        worker.stop()
    print(f"RESULT={total}")
    return 0 if total == 1410.0 else 3


if __name__ == "__main__":
    sys.exit(main())
