# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: dask #8760 (https://github.com/dask/dask/issues/8760), the working variant: the same delayed blocks of an h5py dataset computed with scheduler="threads" (the default of dask.delayed), so the Dataset is never serialised.
import os
import tempfile

import dask
import h5py

from l4kit.h5store import write_samples


def block_sum(dset, start, stop):
    return float(dset[start:stop].sum())


def main(scheduler="threads"):
    path = os.path.join(tempfile.gettempdir(), "mytestfile.hdf5")
    write_samples(path, n=8)
    fh = h5py.File(path, "r")
    dset = fh["x"]
    parts = [dask.delayed(block_sum)(dset, i, i + 2) for i in range(0, 8, 2)]
    totals = dask.compute(*parts, scheduler=scheduler)
    print("RESULT=%.1f" % sum(totals))


if __name__ == "__main__":
    main()
