# family: exceptions
# hazard: unpicklable-library-exception-from-pool-task
# line: 44
# files: l27kit/__init__.py l27kit/ecospold.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/polca/premise/issues/29 -- "MaybeEncodingError: Error sending result: '<multiprocessing.pool.ExceptionWithTraceback object ...>'. Reason: 'TypeError("cannot pickle 'lxml.etree._ListErrorLog' object")'": premise's NewDatabase extracts an ecospold folder with a multiprocessing Pool, one file per task; a malformed file makes lxml raise XMLSyntaxError in the worker, whose error_log cannot be pickled, so the parent sees the MaybeEncodingError instead of the parse error
"""Extract an ecospold2 folder into an inventory database, one file per worker task."""
import argparse
import json
import os
import tempfile
from dataclasses import dataclass
from multiprocessing import Pool

from l27kit.ecospold import read_activity, write_sample_folder


@dataclass
class ExtractConfig:
    source_path: str
    source_version: str = "3.6"
    workers: int = 2


class InventoryExtractor:
    def __init__(self, config):
        self.config = config
        self.db = []

    def spold_files(self):
        return sorted(os.path.join(self.config.source_path, name)
                      for name in os.listdir(self.config.source_path) if name.endswith(".spold"))

    def summarise(self):
        by_location = {}
        for record in self.db:
            by_location[record["location"]] = by_location.get(record["location"], 0) + 1
        return by_location

    def clean_database(self):
        paths = self.spold_files()
        print(f"extracting {len(paths)} datasets from ecoinvent {self.config.source_version}")
        with Pool(self.config.workers) as pool:
            self.db = pool.map(read_activity, paths)
        return self.db


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--files", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        write_sample_folder(folder, count=args.files)
        extractor = InventoryExtractor(ExtractConfig(source_path=folder, workers=args.workers))
        extractor.clean_database()
        print(json.dumps(extractor.summarise(), sort_keys=True))
        print(f"RESULT={len(extractor.db)}")


if __name__ == "__main__":
    main()
