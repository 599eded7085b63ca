# family: args
# hazard: none
# line: none
# files: l11kit/uproot_io.py l11kit/pickleable_ssl.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/scikit-hep/uproot5/issues/1248 -- near miss: the "self-contained pickleable ssl context class" posted in the thread, an SSLContext subclass whose reduction rebuilds it from its settings in the worker
"""Count events of a remote file in chunks with dask, with a context that pickles."""
import argparse

import dask

from l11kit import uproot_io
from l11kit.pickleable_ssl import PickleableSSLContext

FILENAME = "https://cmsio2.example.invalid:1094/store/mc/TTTo2L2Nu/NANOAODSIM/3094251D.root"


def make_options(timeout):
    sslctx = PickleableSSLContext.create()
    return {"ssl": sslctx, "timeout": timeout}


def build_graph(url, num_entries, step, options):
    parts = []
    for start, stop in uproot_io.steps(num_entries, step):
        parts.append(dask.delayed(uproot_io.read_chunk)(url, start, stop, options))
    return dask.delayed(sum)(parts)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--step", type=int, default=250)
    args = parser.parse_args(argv)
    total = build_graph(FILENAME, args.entries, args.step, make_options(30))
    (computed,) = dask.compute(total, scheduler="processes", num_workers=2)
    print(f"RESULT={computed}")


if __name__ == "__main__":
    main()
