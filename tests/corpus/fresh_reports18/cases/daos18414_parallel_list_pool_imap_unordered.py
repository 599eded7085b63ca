# family: results
# hazard: none
# line: none
# files: r22kit/dfs.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/daos-stack/daos/pull/18414 -- the PR's fix: the manual Process + Queue scheme and its queued/processed counter are replaced by a multiprocessing.Pool driven by imap_unordered; "Pool re-raises worker exceptions in the parent when their results are consumed, so a worker error now propagates as a raised OSError instead of a deadlock, and the Pool context manager reaps all workers on any exit path"
"""List every file of a container in parallel (pydaos.torch-like _Dfs.parallel_list)."""
import argparse
import multiprocessing
import sys

from r22kit import dfs


def _list_one(args):
    ns, path = args
    return path, dfs.list_dir(ns, path)


class _Dfs:
    def __init__(self, namespace, workers=2):
        self.ns = namespace
        self.workers = workers

    def parallel_list(self, root="/"):
        """Breadth-first listing; returns the sorted file paths under root."""
        files = []
        frontier = [root]
        with multiprocessing.Pool(self.workers) as pool:
            while frontier:
                next_frontier = []
                for path, entries in pool.imap_unordered(_list_one, [(self.ns, p) for p in frontier]):
                    for entry in entries:
                        if dfs.is_dir(self.ns, entry):
                            next_frontier.append(entry)
                        else:
                            files.append(entry)
                frontier = next_frontier
        return sorted(files)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    container = _Dfs(dfs.make_namespace(), workers=args.workers)
    try:
        files = container.parallel_list("/")
    except OSError as err:
        print(f"RESULT=error:{err.filename}")
        return 0
    print(f"RESULT={len(files)}")
    return 3


if __name__ == "__main__":
    sys.exit(main())
