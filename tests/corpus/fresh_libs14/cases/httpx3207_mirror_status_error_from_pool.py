# family: exceptions
# hazard: unrebuildable-library-exception-from-pool-worker
# line: 46 21
# files: l26kit/__init__.py l26kit/httpfeed.py
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: https://github.com/encode/httpx/pull/3207 -- "HTTPStatusError's __init__ method has required keyword-only arguments. BaseException has a custom __reduce__ method that can't handle that correctly": a worker of a ProcessPoolExecutor calls raise_for_status() on a 503; the HTTPStatusError pickles in the worker but cannot be rebuilt in the parent ("HTTPStatusError.__init__() missing 2 required keyword-only arguments: 'request' and 'response'", the Airflow executor case quoted in the PR), so the pool breaks instead of reporting the 503
"""Poll the status page of every package mirror in parallel and print a health summary."""
import argparse
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import httpx

from l26kit.httpfeed import FeedConfig, fetch_status, make_client

MIRRORS = ["eu1.mirror.example", "us-down.mirror.example", "ap2.mirror.example"]


def poll_mirror(mirror, config):
    with make_client(config) as client:
        status = fetch_status(client, mirror)
    return mirror, status["packages"], status["lag_s"]


@dataclass
class HealthReport:
    healthy: dict = field(default_factory=dict)
    failing: dict = field(default_factory=dict)

    def line(self):
        return f"{len(self.healthy)}:{len(self.failing)}"


class MirrorPoller:
    def __init__(self, mirrors, workers, config):
        self.mirrors = list(mirrors)
        self.workers = workers
        self.config = config

    def run(self):
        report = HealthReport()
        with ProcessPoolExecutor(max_workers=self.workers) as pool:
            pending = {pool.submit(poll_mirror, m, self.config): m for m in self.mirrors}
            for future, mirror in pending.items():
                try:
                    name, packages, lag = future.result()
                except httpx.HTTPStatusError as exc:
                    report.failing[mirror] = exc.response.status_code
                else:
                    report.healthy[name] = (packages, lag)
        return report


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=2.0)
    args = parser.parse_args()
    poller = MirrorPoller(MIRRORS, args.workers, FeedConfig(timeout_s=args.timeout))
    report = poller.run()
    print(f"RESULT={report.line()}")


if __name__ == "__main__":
    main()
