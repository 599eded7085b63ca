# family: callable
# hazard: unpicklable-callable
# line: 43
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://example-a.com/answer/75779889 -- a service submits its own bound method; a lock it created in start() travels with self.
"""Monthly report service: renders one report per region in worker processes."""
import logging
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

log = logging.getLogger("reports")


@dataclass
class ReportConfig:
    title: str = "Monthly sales"
    regions: list = field(default_factory=lambda: ["north", "south", "east"])
    workers: int = 2


class ReportService:
    def __init__(self, config):
        self.config = config
        self.rendered = []

    def start(self):
        # guards self.rendered against the status thread
        self._state_lock = threading.Lock()
        self._status = threading.Thread(target=self._report_status, daemon=True)
        self._status.start()

    def _report_status(self):
        with self._state_lock:
            log.debug("rendered so far: %d", len(self.rendered))

    def render(self, region):
        return f"{self.config.title} -- {region}: {len(region) * 100}"

    def run(self):
        self.start()
        with ProcessPoolExecutor(max_workers=self.config.workers) as ex:
            pages = list(ex.map(self.render, self.config.regions))
        with self._state_lock:
            self.rendered.extend(pages)
        return self.rendered


def main():
    service = ReportService(ReportConfig())
    pages = service.run()
    for page in pages:
        print(page)
    print("RESULT=" + str(len(pages)))
    return 0 if len(pages) == 3 else 3


if __name__ == "__main__":
    raise SystemExit(main())
