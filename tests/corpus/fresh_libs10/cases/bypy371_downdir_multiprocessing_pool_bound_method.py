# family: callable
# hazard: bound-method-with-lock-to-pool
# line: 21 l10kit/bypy_client.py:10
# files: l10kit/bypy_client.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/houtianze/bypy/issues/371 -- 'cPickle.PicklingError in multiprocess mode': python -m bypy --processes 4 download maps a bound method of the ByPy client over the files; with a pickle-based pool the method carries the client and its print lock ('cannot pickle _thread.lock object' on Python 3)
"""bypy download --processes N: fetch a remote directory with a process pool (stdlib multiprocessing)."""
import argparse
from multiprocessing import Pool

from l10kit.bypy_client import ByPy


class MultiDownloader:
    def __init__(self, client):
        self.client = client

    def downdir_multi(self, rpath):
        files = self.client.list_remote(rpath)
        with Pool(self.client.processes) as pool:
            ar = pool.map_async(self.client.downfile, files)
            results = ar.get(60)
        return dict(results)


def main():
    parser = argparse.ArgumentParser(prog="bypy")
    parser.add_argument("command", nargs="?", default="download")
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    by = ByPy(processes=args.processes)
    hashes = MultiDownloader(by).downdir_multi("/apps/bypy/docs")
    print(f"RESULT={sorted(hashes.values())}")


if __name__ == "__main__":
    main()
