# family: args
# hazard: unpicklable-argument
# line: 25
# expect: fork=error:TypeError spawn=error:TypeError forkserver=error:TypeError
# note: https://github.com/dask-contrib/dask-deltatable/pull/51 -- ParquetFileWriteOptions made once with ParquetFileFormat().make_write_options() and sent with every partition to process workers; the options object cannot be pickled (the PR passes a Mapping instead)
import os
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor

import pyarrow as pa
import pyarrow.dataset as ds


def write_partition(table, path, file_options):
    ds.write_dataset(table, path, format="parquet", file_options=file_options)
    return os.path.basename(path)


def main():
    out = tempfile.mkdtemp()
    file_options = ds.ParquetFileFormat().make_write_options(compression="zstd")
    parts = [pa.table({"id": [i, i + 1], "v": [0.5 * i, 1.5]}) for i in range(2)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(write_partition, t, os.path.join(out, f"part={i}"), file_options)
                   for i, t in enumerate(parts)]
        written = sorted(f.result() for f in futures)
    print("RESULT=" + ",".join(written))


if __name__ == "__main__":
    sys.exit(main())
