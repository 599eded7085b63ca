# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/apache/arrow/issues/1946 -- the usual fix for worker processes: the dataset keeps the file name and opens its pq.ParquetFile lazily, once per process, in the method the workers run
import os
import sys
import tempfile
from multiprocessing import Pool

import pyarrow as pa
import pyarrow.parquet as pq


class ParquetDataset:
    def __init__(self, filename):
        self.filename = filename
        self.num_row_groups = pq.ParquetFile(filename).num_row_groups
        self._parquet = None

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_parquet"] = None
        return state

    def __getitem__(self, index):
        if self._parquet is None:
            self._parquet = pq.ParquetFile(self.filename)
        data = self._parquet.read_row_group(index).to_pydict()
        return sum(data["X"])

    def __len__(self):
        return self.num_row_groups


def make_file(path):
    table = pa.table({"X": [float(i) for i in range(12)], "y": [i % 2 for i in range(12)]})
    pq.write_table(table, path, row_group_size=4)
    return path


def main():
    dset = ParquetDataset(make_file(os.path.join(tempfile.mkdtemp(), "train.parquet")))
    dset[0]
    with Pool(2) as pool:
        sums = pool.map(dset.__getitem__, range(len(dset)))
    print("RESULT=" + ",".join(f"{s:g}" for s in sums))


if __name__ == "__main__":
    sys.exit(main())
