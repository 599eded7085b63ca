# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: qiuqiao/SOFA #18 (https://github.com/qiuqiao/SOFA/issues/18), the fix for the h5py pickling error: the main process reads the metadata, closes the file, and hands only its path to the joblib tasks, which open the file themselves.
import os
import tempfile

import h5py
from joblib import Parallel, delayed

from l4kit.h5store import write_samples


def label_types(path):
    with h5py.File(path, "r") as fh:
        return list(fh.keys()), fh["x"].shape[0]


def row_total(path, index):
    with h5py.File(path, "r") as fh:
        return float(fh["x"][index].sum())


if __name__ == "__main__":
    path = os.path.join(tempfile.gettempdir(), "labels.h5")
    write_samples(path)
    keys, n = label_types(path)
    totals = Parallel(n_jobs=2)(delayed(row_total)(path, i) for i in range(n))
    print("RESULT=%s:%.1f" % (keys[0], sum(totals)))
