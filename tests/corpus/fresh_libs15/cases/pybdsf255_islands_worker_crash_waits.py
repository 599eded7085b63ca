# family: queue
# hazard: parent-waits-on-queue-of-dead-worker
# line: 29 l27kit/multi_proc_old.py:31
# files: l27kit/__init__.py l27kit/islands.py l27kit/multi_proc_old.py
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# timeout: 15
# note: https://github.com/lofar-astron/PyBDSF/pull/255 -- "Fix multiprocessing deadlock": PyBDSF's parallel_map runs one Process per chunk of islands; the workers put their results on a manager queue and run_tasks joins them and then reads one result per chunk; when a worker dies (a SIGSEGV in the compiled fitter under numpy 2) its result never arrives and out_q.get() waits for ever; the PR checks each joined process's exit code instead
"""Fit Gaussians to the islands of an image, spreading the islands over worker processes."""
import argparse
import json
from dataclasses import dataclass

from l27kit import multi_proc_old as multi_proc
from l27kit.islands import find_islands, fit_island_native


@dataclass
class FitOptions:
    ncores: int = 2
    islands: int = 10


class GaussFit:
    def __init__(self, opts):
        self.opts = opts

    def __call__(self, islands):
        print(f"fitting {len(islands)} islands on {self.opts.ncores} cores")
        fitted = multi_proc.parallel_map(fit_island_native, islands, numcores=self.opts.ncores)
        return sorted(fitted)


def catalogue(fits):
    return [{"island": i, "peak": peak, "mean": mean} for i, peak, mean in fits]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ncores", type=int, default=2)
    parser.add_argument("--islands", type=int, default=10)
    args = parser.parse_args()
    opts = FitOptions(ncores=args.ncores, islands=args.islands)
    islands = find_islands(opts.islands)
    fits = GaussFit(opts)(islands)
    print(json.dumps(catalogue(fits)[:2]))
    print(f"RESULT={len(fits)}")


if __name__ == "__main__":
    main()
