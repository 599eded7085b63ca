# family: results
# hazard: none
# line: none
# files: r25kit/catalog.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/ioos/thredds_crawler/pull/22 -- the working shape ("Better LeafDataset error messages from workers, etree cleanup"), as the variant for issue 25: the leaf dataset reads what it needs from the parsed catalog and keeps only strings and numbers, so the worker's result pickles
"""Crawl a THREDDS-like catalog and list its leaf datasets with their services."""
import argparse
import multiprocessing
import sys

from r25kit.catalog import SERVICES, dataset_parser, leaf_urls


class LeafDataset:
    def __init__(self, url_path):
        self.url_path = url_path
        _parser, attrs = dataset_parser(url_path)
        self.id = attrs["ID"]
        self.name = attrs["name"]
        self.size = int(attrs["size"])
        self.services = [{"service": k, "url": v + url_path} for k, v in SERVICES.items()]

    def __repr__(self):
        return f"<LeafDataset id: {self.id}, services: {[s['service'] for s in self.services]}>"


def build_leaf(url_path):
    return LeafDataset(url_path)


class Crawl:
    def __init__(self, workers=2):
        with multiprocessing.Pool(processes=workers) as pool:
            jobs = [pool.apply_async(build_leaf, (u,)) for u in leaf_urls()]
            self.datasets = [j.get() for j in jobs]

    def total_size(self):
        return sum(d.size for d in self.datasets)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    crawl = Crawl(workers=args.workers)
    print(f"RESULT={crawl.total_size()}")
    return 0 if crawl.total_size() == 2950 else 3


if __name__ == "__main__":
    sys.exit(main())
