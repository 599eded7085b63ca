"""Catalog entries measured this session (scripts/probe_pickle.py, Python 3.11): a redis ConnectionPool holds a thread
lock (redis-py #606), and a dataset read out of an open h5py File by subscript (`fh["x"]`, the catalog's
`<File>.__getitem__`) holds the file's handle. Both refused as pool task arguments (fresh_libs4's blind misses
loky_executor_redis_pool_list and dask_delayed_h5_dataset_processes). Near misses: the pool's settings, the dataset's
values read in the parent. Proven under fork, spawn and forkserver."""
import pytest
from helpers import skip_without, found, run_program

REDIS = """
import multiprocessing

import redis


def ping(args):
    pool, n = args
    return n


if __name__ == "__main__":
    pool = redis.ConnectionPool(host="localhost", port=6379, db=0)
    with multiprocessing.Pool(2) as workers:
        print("RESULT=%s" % sum(workers.map(ping, [(SENT, n) for n in range(3)])))
"""

H5 = """
import multiprocessing
import os
import tempfile

import h5py
import numpy


def total(data):
    return float(numpy.asarray(data[:]).sum())


if __name__ == "__main__":
    path = os.path.join(tempfile.mkdtemp(), "x.h5")
    with h5py.File(path, "w") as out:
        out.create_dataset("x", data=numpy.arange(6))
    fh = h5py.File(path, "r")
    with multiprocessing.Pool(2) as workers:
        print("RESULT=%s" % workers.map(total, [SENT]))
"""

CASES = {("redis", "pool"): True, ("redis", "pool.connection_kwargs"): False,
         ("h5py", 'fh["x"]'): True, ("h5py", 'fh["x"][:]'): False}
PROGRAMS = {"redis": REDIS, "h5py": H5}


@pytest.mark.parametrize("library, sent", sorted(CASES))
def test_refused_as_task_arguments(library, sent):
    skip_without(library)
    assert [f.code for f in found(PROGRAMS[library].replace("SENT", sent), "MP203")] == \
        (["MP203"] if CASES[(library, sent)] else [])


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("library, sent", sorted(CASES))
def test_runtime(tmp_path, library, sent, method):
    skip_without(library)
    path = tmp_path / "prog.py"
    path.write_text(PROGRAMS[library].replace("SENT", sent))
    out = run_program(path, method, timeout=60)
    if CASES[(library, sent)]:
        assert out.returncode != 0 and ("cannot pickle '_thread.lock' object" in out.stderr
                                        or "h5py objects cannot be pickled" in out.stderr), out.stderr
    else:
        assert out.returncode == 0 and "RESULT=" in out.stdout, out.stderr
