# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/dask-contrib/dask-deltatable/pull/51 -- the PR's fix: a plain Mapping of writer options travels with each partition and the worker builds the ParquetFileWriteOptions itself
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor

import pyarrow as pa
import pyarrow.dataset as ds


def write_partition(table, path, options):
    fmt = ds.ParquetFileFormat()
    ds.write_dataset(table, path, format=fmt, file_options=fmt.make_write_options(**options))
    return os.path.basename(path)


def main():
    out = tempfile.mkdtemp()
    options = {"compression": "zstd"}
    parts = [pa.table({"id": [i, i + 1], "v": [0.5 * i, 1.5]}) for i in range(2)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(write_partition, t, os.path.join(out, f"part={i}"), options)
                   for i, t in enumerate(parts)]
        written = sorted(f.result() for f in futures)
    print("RESULT=" + ",".join(written))


if __name__ == "__main__":
    sys.exit(main())
