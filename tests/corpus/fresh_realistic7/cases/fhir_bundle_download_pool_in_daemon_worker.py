# family: lifecycle
# hazard: daemon-children
# line: 22
# files: rz7kit/registry.py rz7kit/tasks.py
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: https://github.com/UMEssen/FHIR-PYrate/issues/144 -- "Download error: daemonic processes are not allowed to have children" when a Celery prefork worker runs a Pirate download that uses multiprocessing.Pool; reduced to a prefork-style task worker (daemon Process) dispatching a registered task that opens a Pool
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


def prefork_child(task_name, arg, results):
    fn = registry.resolve(task_name)
    results.put((task_name, fn(arg)))


class PreforkWorker:
    """Mimics a Celery prefork pool: tasks run inside daemonic children."""

    def __init__(self, concurrency=1):
        self.concurrency = concurrency
        self.results = mp.Queue()

    def run(self, task_name, arg):
        proc = mp.Process(target=prefork_child, args=(task_name, arg, self.results))
        proc.daemon = True
        proc.start()
        proc.join(10)
        if proc.exitcode != 0:
            raise SystemExit(f"task {task_name} failed (exit {proc.exitcode})")
        return self.results.get(timeout=5)


def main(argv=None):
    ap = argparse.ArgumentParser(description="download FHIR bundles via a task worker")
    ap.add_argument("--count", type=int, default=6)
    args = ap.parse_args(argv)
    name, total = PreforkWorker().run("download", args.count)
    print(f"{name}: {total} entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
