# family: results
# hazard: worker-exception-lost-parent-waits-on-queue
# line: 36 40 47
# files: r22kit/dfs.py
# timeout: 12
# expect: fork=error:PermissionError+hang spawn=error:PermissionError+hang forkserver=error:PermissionError+hang
# note: https://github.com/daos-stack/daos/pull/18414 -- "pydaos: torch surface worker errors in parallel_list": _Dfs.parallel_list ran manual worker Processes fed by a work Queue and counted queued/processed directories; a worker that raised (here PermissionError on an unreadable directory) died without putting a result, "exceptions that never reached the calling process. This results in indefinite hang during Dataset and IterableDataset construction with no surfaced error to the user"
"""List every file of a container in parallel (pydaos.torch-like _Dfs.parallel_list)."""
import argparse
import multiprocessing
import sys

from r22kit import dfs


def _worker(ns, work_q, result_q):
    while True:
        path = work_q.get()
        if path is None:
            break
        entries = dfs.list_dir(ns, path)
        result_q.put((path, entries))


class _Dfs:
    def __init__(self, namespace, workers=2):
        self.ns = namespace
        self.workers = workers

    def parallel_list(self, root="/"):
        """Breadth-first listing; returns the sorted file paths under root."""
        ctx = multiprocessing.get_context()
        work_q = ctx.Queue()
        result_q = ctx.Queue()
        procs = [
            ctx.Process(target=_worker, args=(self.ns, work_q, result_q), daemon=True)
            for _ in range(self.workers)
        ]
        for proc in procs:
            proc.start()

        files = []
        queued, processed = 1, 0
        work_q.put(root)
        try:
            while processed < queued:
                path, entries = result_q.get()
                processed += 1
                for entry in entries:
                    if dfs.is_dir(self.ns, entry):
                        work_q.put(entry)
                        queued += 1
                    else:
                        files.append(entry)
        finally:
            for _ in procs:
                work_q.put(None)
            for proc in procs:
                proc.join(timeout=1)
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
