# family: daemon
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 20
# note: https://github.com/crocs-muni/sec-certs/pull/135 -- the switch the PR makes: the outer work runs in a concurrent.futures.ProcessPoolExecutor, whose workers are not daemonic, so a task can still start its own manager and helper processes
"""A certificate-report service whose jobs run in a ProcessPoolExecutor."""
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

CERTS = {"eal4": ["cc-101", "cc-102", "cc-103"], "eal5": ["cc-201"], "fips": ["f-1", "f-2"]}


def _count_category(shared, category, ids):
    shared[category] = len(ids)


def build_report(categories):
    """Counts each category in helper processes sharing a managed dict."""
    with multiprocessing.Manager() as manager:
        shared = manager.dict()
        helpers = [multiprocessing.Process(target=_count_category, args=(shared, c, CERTS[c]))
                   for c in categories]
        for h in helpers:
            h.start()
        for h in helpers:
            h.join()
        return dict(shared)


@dataclass
class Dataset:
    categories: list
    stats: dict = field(default_factory=dict)
    n_jobs: int = 2

    def compute_stats(self):
        with ProcessPoolExecutor(max_workers=self.n_jobs) as executor:
            self.stats = executor.submit(build_report, self.categories).result(timeout=15)
        return self.stats


def parse_args(argv):
    import argparse
    parser = argparse.ArgumentParser(prog="sec-certs")
    parser.add_argument("action", nargs="?", default="stats", choices=["stats", "list"])
    parser.add_argument("--n-jobs", type=int, default=2)
    return parser.parse_args(argv)


def main():
    opts = parse_args(sys.argv[1:])
    if opts.action == "list":
        print("\n".join(sorted(i for ids in CERTS.values() for i in ids)))
        return 0
    dataset = Dataset(categories=sorted(CERTS), n_jobs=opts.n_jobs)
    total = sum(dataset.compute_stats().values())
    print(f"RESULT={total}")
    return 0 if total == 6 else 3


if __name__ == "__main__":
    sys.exit(main())
