# family: args
# hazard: none
# line: none
# files: r10kit/saq_worker.py r10kit/saq_tasks.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/litestar-org/litestar-saq/pull/90 -- the merged approach: Worker instances no longer cross the process boundary; each worker process gets the application's import path and queue name (plain strings) and builds its own Worker, so spawn and forkserver start it too
import multiprocessing
import sys
from dataclasses import dataclass, field

from r10kit.saq_worker import run_worker_from_app


@dataclass
class SAQPluginConfig:
    queues: list = field(default_factory=lambda: ["default", "reports"])
    app_path: str = "r10kit.saq_tasks:SAQ_CONFIG"


class SAQPlugin:
    def __init__(self, config: SAQPluginConfig):
        self.config = config
        self.processes = []

    def start_workers(self, jobs, results):
        for name in self.config.queues:
            proc = multiprocessing.Process(
                target=run_worker_from_app, args=(self.config.app_path, name, jobs, results), daemon=False
            )
            proc.start()
            self.processes.append(proc)

    def join(self):
        for proc in self.processes:
            proc.join(10)


def main():
    plugin = SAQPlugin(SAQPluginConfig())
    results = multiprocessing.Queue()
    jobs = [("add", (2, 3)), ("mul", (4, 5))]
    plugin.start_workers(jobs, results)
    got = dict(results.get(timeout=10) for _ in plugin.processes)
    plugin.join()
    print("results", sorted(got.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
