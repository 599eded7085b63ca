# family: args
# hazard: unpicklable-process-arg
# line: 31 32
# files: r10kit/saq_worker.py r10kit/saq_tasks.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/litestar-org/litestar-saq/pull/90 -- the plugin built saq Worker instances in the parent and passed them as Process args; a Worker holds thread-pool state, so under spawn (macOS) and forkserver (the 3.14 Linux default) starting the worker process fails with a PicklingError
import multiprocessing
import sys
from dataclasses import dataclass, field

from r10kit.saq_tasks import SAQ_CONFIG
from r10kit.saq_worker import Worker, run_worker


@dataclass
class SAQPluginConfig:
    queues: list = field(default_factory=lambda: ["default", "reports"])
    app_path: str = "r10kit.saq_tasks:SAQ_CONFIG"


class SAQPlugin:
    def __init__(self, config: SAQPluginConfig):
        self.config = config
        self.processes = []

    def get_workers(self):
        return [Worker(name, SAQ_CONFIG["functions"], SAQ_CONFIG["concurrency"]) for name in self.config.queues]

    def start_workers(self, jobs, results):
        for worker in self.get_workers():
            proc = multiprocessing.Process(target=run_worker, args=(worker, jobs, results), daemon=False)
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
