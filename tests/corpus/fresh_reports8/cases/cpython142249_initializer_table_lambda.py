# family: callable
# hazard: unpicklable-callable
# line: 43
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/python/cpython/issues/142249 -- multiprocessing.Pool(None, lambda: None) worked up to 3.13 and raises PicklingError on 3.14, where Linux defaults to forkserver: the initializer travels inside each worker Process, pickled under spawn/forkserver only; here the lambda comes from a table of worker initializers chosen on the command line
import argparse
import hashlib
import os
import signal
import sys
import tempfile
from multiprocessing import Pool

INITIALIZERS = {
    "quiet": lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    "default": None,
}


def checksum(path):
    with open(path, "rb") as fh:
        return os.path.basename(path), hashlib.sha256(fh.read()).hexdigest()[:8]


def make_files(folder, n):
    paths = []
    for i in range(n):
        path = os.path.join(folder, f"part{i}.bin")
        with open(path, "wb") as fh:
            fh.write(bytes([i]) * 1024)
        paths.append(path)
    return paths


def main(argv=None):
    parser = argparse.ArgumentParser(description="checksum files in parallel")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--init", choices=sorted(INITIALIZERS), default="quiet")
    args = parser.parse_args(argv)
    init = INITIALIZERS[args.init]
    with tempfile.TemporaryDirectory() as folder:
        paths = make_files(folder, 4)
        with Pool(args.jobs, initializer=init) as pool:
            sums = dict(pool.map(checksum, paths))
    print(f"RESULT={len(sums)}")
    if len(sums) != 4:
        sys.exit(3)


if __name__ == "__main__":
    main()
