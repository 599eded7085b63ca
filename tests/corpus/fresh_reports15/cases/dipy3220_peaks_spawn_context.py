# family: threads
# hazard: none
# line: none
# files: r15kit/console.py r15kit/peaks.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/dipy/dipy/pull/3220 -- the fix: the process pool is made with multiprocessing.get_context("spawn"), so the workers start as fresh interpreters with their own unlocked console lock while the status thread keeps running in the parent
import argparse
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor

from r15kit.console import StatusRefresher
from r15kit.peaks import fit_chunk, make_chunks


class PeaksFit:
    def __init__(self, n_voxels=40, n_dirs=6, chunk_size=10, workers=2):
        self.chunks = make_chunks(n_voxels, n_dirs, chunk_size)
        self.workers = workers

    def executor(self):
        # fork is unsafe with threads running, so the workers are spawned
        return ProcessPoolExecutor(max_workers=self.workers,
                                   mp_context=multiprocessing.get_context("spawn"))

    def run(self):
        refresher = StatusRefresher()
        refresher.start()
        try:
            with self.executor() as pool:
                futures = [pool.submit(fit_chunk, c) for c in self.chunks]
                results = dict(f.result() for f in futures)
        finally:
            refresher.stop()
        return [p for i in sorted(results) for p in results[i]]


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    peaks = PeaksFit(workers=args.workers).run()
    checksum = sum(i * p for i, p in enumerate(peaks))
    print(f"RESULT={len(peaks)}:{checksum}")
    return 0 if (len(peaks), checksum) == (40, 2165) else 3


if __name__ == "__main__":
    sys.exit(main())
