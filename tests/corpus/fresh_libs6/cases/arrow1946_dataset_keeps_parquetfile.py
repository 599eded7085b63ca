# family: callable
# hazard: unpicklable-callable
# line: 36
# expect: fork=error:TypeError spawn=error:TypeError forkserver=error:TypeError
# note: https://github.com/apache/arrow/issues/1946 -- a row-group dataset class opens pq.ParquetFile(filename) in __init__ and its read method is mapped over the row groups by worker processes; the bound method pickles the dataset with its open ParquetFile ("no default __reduce__ due to non-trivial __cinit__")
import os
import sys
import tempfile
from multiprocessing import Pool

import pyarrow as pa
import pyarrow.parquet as pq


class ParquetDataset:
    def __init__(self, filename):
        self.parquet = pq.ParquetFile(filename)

    def __getitem__(self, index):
        data = self.parquet.read_row_group(index).to_pydict()
        return sum(data["X"])

    def __len__(self):
        return self.parquet.num_row_groups


def make_file(path):
    table = pa.table({"X": [float(i) for i in range(12)], "y": [i % 2 for i in range(12)]})
    pq.write_table(table, path, row_group_size=4)
    return path


def main():
    dset = ParquetDataset(make_file(os.path.join(tempfile.mkdtemp(), "train.parquet")))
    with Pool(2) as pool:
        sums = pool.map(dset.__getitem__, range(len(dset)))
    print("RESULT=" + ",".join(f"{s:g}" for s in sums))


if __name__ == "__main__":
    sys.exit(main())
