# family: results
# hazard: unpicklable-result
# line: 18 29 35
# files: r25kit/catalog.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/ioos/thredds_crawler/issues/25 -- "multiprocessing.pool.MaybeEncodingError: Error sending result" (and jupyterlab_thredds #16, "can't pickle lxml"): Crawl builds each LeafDataset in a pool worker with apply_async and the LeafDataset kept the parsed lxml tree of its catalog, so the result could not be sent back; here the dataset keeps the expat parser it parsed with
"""Crawl a THREDDS-like catalog and list its leaf datasets with their services."""
import argparse
import multiprocessing
import sys

from r25kit.catalog import SERVICES, dataset_parser, leaf_urls


class LeafDataset:
    def __init__(self, url_path):
        self.url_path = url_path
        self._parser, attrs = dataset_parser(url_path)
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
