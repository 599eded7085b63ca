# family: callable
# hazard: unpicklable-callable
# line: 22
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: mace PR #117 (https://github.com/ACEsuit/mace/pull/117): "If a h5py.File object is an attribute of the Dataset, pickle will complain"; the bound method of an l4kit.h5store.H5Samples (file opened in __init__) goes to joblib's multiprocessing backend, which pickles every task.
import os
import tempfile

from joblib import Parallel, delayed

from l4kit.h5store import H5Samples, write_samples


def build_dataset(split):
    path = os.path.join(tempfile.gettempdir(), f"train_{split}.h5")
    write_samples(path)
    return H5Samples(path)


if __name__ == "__main__":
    samples = build_dataset(0)
    sums = Parallel(n_jobs=2, backend="multiprocessing")(delayed(samples.row_sum)(i) for i in range(len(samples)))
    print("RESULT=%.1f" % sum(sums))
