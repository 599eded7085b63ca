# family: queue
# hazard: none
# line: none
# files: l27kit/__init__.py l27kit/islands.py l27kit/multi_proc_new.py
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 15
# note: https://github.com/lofar-astron/PyBDSF/pull/255 -- near miss: the PR's fix, run_tasks checks each joined worker's exit code and raises at once ("Process ... died unexpectedly (exit code: ...)") instead of reading a queue the dead worker never filled; the caller reports the crash and fits the islands again with the pure-Python fitter
"""Fit Gaussians to the islands of an image, spreading the islands over worker processes."""
import argparse
import json
from dataclasses import dataclass

from l27kit import multi_proc_new as multi_proc
from l27kit.islands import find_islands, fit_island_native, fit_island_python


@dataclass
class FitOptions:
    ncores: int = 2
    islands: int = 10


class GaussFit:
    def __init__(self, opts):
        self.opts = opts

    def __call__(self, islands):
        print(f"fitting {len(islands)} islands on {self.opts.ncores} cores")
        try:
            fitted = multi_proc.parallel_map(fit_island_native, islands, numcores=self.opts.ncores)
        except multi_proc.WorkerDied as exc:
            print(f"native fitter crashed ({exc}); refitting with the Python fitter")
            fitted = multi_proc.parallel_map(fit_island_python, islands, numcores=self.opts.ncores)
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
