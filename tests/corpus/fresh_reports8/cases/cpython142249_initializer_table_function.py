# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/python/cpython/issues/142249 -- the way the thread says the initializer must be written for 3.14's forkserver default: a module-level function, pickled by name into each worker Process
import argparse
import hashlib
import os
import signal
import sys
import tempfile
from multiprocessing import Pool


def _ignore_sigint():
    signal.signal(signal.SIGINT, signal.SIG_IGN)


INITIALIZERS = {
    "quiet": _ignore_sigint,
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
