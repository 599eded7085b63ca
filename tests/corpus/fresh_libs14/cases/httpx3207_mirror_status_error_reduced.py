# family: exceptions
# hazard: none
# line: none
# files: l26kit/__init__.py l26kit/httpfeed.py l26kit/httpfeed_errors.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/encode/httpx/pull/3207 -- near miss: the fix proposed in the PR (and in #3108), a __reduce__ that replays request and response, applied as a project subclass; the worker re-raises the 503 as UpstreamStatusError, which the parent rebuilds and catches as an httpx.HTTPStatusError
"""Poll the status page of every package mirror in parallel and print a health summary."""
import argparse
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import httpx

from l26kit.httpfeed import FeedConfig, fetch_status, make_client
from l26kit.httpfeed_errors import UpstreamStatusError

MIRRORS = ["eu1.mirror.example", "us-down.mirror.example", "ap2.mirror.example"]


def poll_mirror(mirror, config):
    with make_client(config) as client:
        try:
            status = fetch_status(client, mirror)
        except httpx.HTTPStatusError as exc:
            raise UpstreamStatusError.wrap(exc) from None
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
