# family: callable
# hazard: unpicklable-callable
# line: 31
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: joblib #1190 (https://github.com/joblib/joblib/issues/1190): the simulation function reads a document that the main block opens into a module global; loky's cloudpickle copies a function of the script by value together with the globals it reads, and that global is an h5py File ("h5py objects cannot be pickled").
import os
import tempfile

import h5py
from joblib import Parallel, delayed

from l4kit.h5store import write_samples

DOC = None
TIMESTEPS = [1.0, 1.1, 1.2, 1.3]


def load_document(path):
    return h5py.File(path, "r")


def simulate(i):
    row = DOC["x"][i]
    return float(row.sum()) * TIMESTEPS[i]


if __name__ == "__main__":
    path = os.path.join(tempfile.gettempdir(), "aquifer.h5")
    write_samples(path)
    DOC = load_document(path)
    results = Parallel(n_jobs=2)(delayed(simulate)(i) for i in range(len(TIMESTEPS)))
    print("RESULT=" + ",".join(f"{r:.1f}" for r in results))
