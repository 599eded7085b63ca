# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://example-a.com/answer/75779889 -- the fix: the render step is a staticmethod given the title, so the service and its lock stay in the parent.
"""Monthly report service: renders one report per region in worker processes."""
import logging
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial

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

    @staticmethod
    def render(title, region):
        return f"{title} -- {region}: {len(region) * 100}"

    def run(self):
        self.start()
        render = partial(ReportService.render, self.config.title)
        with ProcessPoolExecutor(max_workers=self.config.workers) as ex:
            pages = list(ex.map(render, self.config.regions))
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
