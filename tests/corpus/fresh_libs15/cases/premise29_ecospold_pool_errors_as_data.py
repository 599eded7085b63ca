# family: exceptions
# hazard: none
# line: none
# files: l27kit/__init__.py l27kit/ecospold.py l27kit/ecospold_checked.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/polca/premise/issues/29 -- near miss: the usual work-round for the MaybeEncodingError of this thread, the task catches lxml's XMLSyntaxError in the worker and returns the file name and message as text, so only plain data crosses back; the malformed file is reported and the rest of the folder is extracted
"""Extract an ecospold2 folder into an inventory database, one file per worker task."""
import argparse
import json
import os
import tempfile
from dataclasses import dataclass
from multiprocessing import Pool

from l27kit.ecospold import write_sample_folder
from l27kit.ecospold_checked import read_activity_checked


@dataclass
class ExtractConfig:
    source_path: str
    source_version: str = "3.6"
    workers: int = 2


class InventoryExtractor:
    def __init__(self, config):
        self.config = config
        self.db = []
        self.failed = []

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
            records = pool.map(read_activity_checked, paths)
        self.db = [r for r in records if "error" not in r]
        self.failed = [r for r in records if "error" in r]
        for record in self.failed:
            print(f"skipped {record['file']}: {record['error'].splitlines()[0]}")
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
        print(f"RESULT={len(extractor.db)}:{len(extractor.failed)}")


if __name__ == "__main__":
    main()
