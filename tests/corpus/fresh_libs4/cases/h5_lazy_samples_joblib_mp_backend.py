# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: mace PR #117 (https://github.com/ACEsuit/mace/pull/117), the fix: the file becomes a property opened on first access and excluded when pickling; l4kit.h5store.LazyH5Samples drops its handle in __getstate__, so its bound method crosses joblib's multiprocessing backend even after the parent has opened the file.
import os
import tempfile

from joblib import Parallel, delayed

from l4kit.h5store import LazyH5Samples, write_samples


def build_dataset(split):
    path = os.path.join(tempfile.gettempdir(), f"train_{split}.h5")
    write_samples(path)
    return LazyH5Samples(path)


if __name__ == "__main__":
    samples = build_dataset(0)
    n = samples.file["x"].shape[0]
    sums = Parallel(n_jobs=2, backend="multiprocessing")(delayed(samples.row_sum)(i) for i in range(n))
    print("RESULT=%.1f" % sum(sums))
