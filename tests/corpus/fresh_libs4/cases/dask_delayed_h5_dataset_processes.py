# family: args
# hazard: unpicklable-argument
# line: 24 25
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: dask #8760 (https://github.com/dask/dask/issues/8760): blocks of an h5py dataset computed with the multiprocessing scheduler; every delayed call carries the h5py Dataset, which cloudpickle cannot serialise ("h5py objects cannot be pickled"); the distributed or threaded scheduler works.
import os
import tempfile

import dask
import h5py

from l4kit.h5store import write_samples


def block_sum(dset, start, stop):
    return float(dset[start:stop].sum())


def main():
    path = os.path.join(tempfile.gettempdir(), "mytestfile.hdf5")
    write_samples(path, n=8)
    fh = h5py.File(path, "r")
    dset = fh["x"]
    parts = [dask.delayed(block_sum)(dset, i, i + 2) for i in range(0, 8, 2)]
    totals = dask.compute(*parts, scheduler="processes")
    print("RESULT=%.1f" % sum(totals))


if __name__ == "__main__":
    main()
