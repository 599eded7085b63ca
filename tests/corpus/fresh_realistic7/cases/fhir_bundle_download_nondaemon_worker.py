# family: lifecycle
# hazard: none
# line: none
# files: rz7kit/registry.py rz7kit/tasks.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/UMEssen/FHIR-PYrate/issues/144 -- the workaround from the thread family (billiard / a non-daemonic worker, as in the django-q patch): the task worker process is not daemonic, so the Pool opened by the download task may start its own children
import argparse
import multiprocessing as mp
import sys
from dataclasses import dataclass, field

from rz7kit import registry
from rz7kit.tasks import fetch_bundle


@dataclass
class Pirate:
    num_processes: int = 2
    resource_ids: list = field(default_factory=lambda: list(range(6)))

    def steal_bundles(self):
        with mp.Pool(self.num_processes) as pool:
            return pool.map(fetch_bundle, self.resource_ids)


@registry.register("download")
def download_task(n):
    bundles = Pirate(num_processes=2, resource_ids=list(range(n))).steal_bundles()
    return sum(b["entries"] for b in bundles)


def task_child(task_name, arg, results):
    fn = registry.resolve(task_name)
    results.put((task_name, fn(arg)))


class TaskWorker:
    """Runs each task in a regular (non-daemonic) child process."""

    def __init__(self, daemonic=False):
        self.daemonic = daemonic
        self.results = mp.Queue()

    def run(self, task_name, arg):
        proc = mp.Process(target=task_child, args=(task_name, arg, self.results),
                          daemon=self.daemonic)
        proc.start()
        out = self.results.get(timeout=10)
        proc.join(10)
        if proc.exitcode != 0:
            raise SystemExit(f"task {task_name} failed (exit {proc.exitcode})")
        return out


def main(argv=None):
    ap = argparse.ArgumentParser(description="download FHIR bundles via a task worker")
    ap.add_argument("--count", type=int, default=6)
    args = ap.parse_args(argv)
    name, total = TaskWorker().run("download", args.count)
    print(f"{name}: {total} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
