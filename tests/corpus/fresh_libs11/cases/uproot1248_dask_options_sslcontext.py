# family: args
# hazard: sslcontext-in-dask-task-options
# line: 26 36
# files: l11kit/uproot_io.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/scikit-hep/uproot5/issues/1248 -- passing ssl.create_default_context() (with the X509 proxy loaded) in uproot_options={'ssl': sslctx} and computing with dask fails because "the context is not serializable" ("TypeError: cannot pickle 'SSLContext' object"): every chunk task carries the options dict to the dask processes scheduler
"""Count events of a remote file in chunks with dask, reading over HTTPS with a client context."""
import argparse
import ssl

import dask

from l11kit import uproot_io

FILENAME = "https://cmsio2.example.invalid:1094/store/mc/TTTo2L2Nu/NANOAODSIM/3094251D.root"


def make_options(timeout):
    sslctx = ssl.create_default_context()
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
