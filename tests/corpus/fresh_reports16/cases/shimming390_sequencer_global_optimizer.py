# family: globals
# hazard: global-set-in-parent-read-by-worker
# line: 32
# files: r16kit/shimopt.py
# expect: fork=ok spawn=error:AttributeError forkserver=error:AttributeError
# note: https://github.com/shimming-toolbox/shimming-toolbox/pull/390 -- the sequencer's `_optimize` stored its optimizer in a module global (`global optimizer; optimizer = _optimizer # not a super safe thing to do`) and mapped `_opt` over the slices in a Pool; only fork copies that global into the workers, so under spawn/forkserver (macOS's default, hence the PR's `set_start_method('fork', force=True)`) the workers read None
"""Dynamic B0 shimming: optimise the coil currents of every slice group in a process pool."""
import argparse
import multiprocessing as mp
import sys

from r16kit.shimopt import LsqOptimizer, example_problem

optimizer = None


def _opt(slice_idx, bound):
    return optimizer.optimize_slice(slice_idx, bound)


class ShimSequencer:
    def __init__(self, coils, fieldmap, bound=2.5, n_procs=2):
        self.coils = coils
        self.fieldmap = fieldmap
        self.bound = bound
        self.n_procs = n_procs

    def _optimize(self, _optimizer, slices):
        global optimizer
        optimizer = _optimizer  # not a super safe thing to do
        with mp.Pool(self.n_procs) as pool:
            return pool.starmap(_opt, [(s, self.bound) for s in slices])

    def shim(self):
        opt = LsqOptimizer(self.coils, self.fieldmap, reg=0.05)
        currents = self._optimize(opt, list(range(len(self.fieldmap))))
        return [[round(c, 3) for c in slice_currents] for slice_currents in currents]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bound", type=float, default=2.5)
    args = parser.parse_args(argv)
    coils, fieldmap = example_problem()
    currents = ShimSequencer(coils, fieldmap, bound=args.bound).shim()
    print("RESULT=%d %.3f" % (len(currents), sum(sum(c) for c in currents)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
