# family: callable
# hazard: none
# line: none
# files: l10kit/bypy_client.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/houtianze/bypy/issues/371 -- near miss (false friend): the maintainer's answer is to install the latest multiprocess; its dill pickles the bound method and the client, and recreates the threading.Lock in each worker
"""bypy download --processes N: fetch a remote directory with the dill-based multiprocess pool (the fix: latest multiprocess)."""
import argparse
from multiprocess import Pool

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
