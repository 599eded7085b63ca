# family: globals
# hazard: none
# line: none
# files: r16kit/shimopt.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/shimming-toolbox/shimming-toolbox/pull/390 -- the review's point made safe: the global hand-over is kept only where it works, on the path taken when `mp.get_start_method()` is fork; under any other method the optimizer (plain lists, picklable) travels in each task, as the PR's final `_optimize(optimizer, ...)` signature passes it explicitly
"""Dynamic B0 shimming: optimise the coil currents of every slice group in a process pool."""
import argparse
import multiprocessing as mp
import sys

from r16kit.shimopt import LsqOptimizer, example_problem

optimizer = None


def _opt(slice_idx, bound):
    return optimizer.optimize_slice(slice_idx, bound)


def _opt_with(opt, slice_idx, bound):
    return opt.optimize_slice(slice_idx, bound)


class ShimSequencer:
    def __init__(self, coils, fieldmap, bound=2.5, n_procs=2):
        self.coils = coils
        self.fieldmap = fieldmap
        self.bound = bound
        self.n_procs = n_procs

    def _optimize(self, _optimizer, slices):
        if mp.get_start_method() == "fork":
            # the forked workers inherit the global; nothing is pickled but the slice numbers
            global optimizer
            optimizer = _optimizer
            with mp.Pool(self.n_procs) as pool:
                return pool.starmap(_opt, [(s, self.bound) for s in slices])
        with mp.Pool(self.n_procs) as pool:
            return pool.starmap(_opt_with, [(_optimizer, s, self.bound) for s in slices])

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
