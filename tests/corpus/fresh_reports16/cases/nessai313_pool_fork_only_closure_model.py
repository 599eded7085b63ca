# family: args
# hazard: none
# line: none
# files: r16kit/nested.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/mj-will/nessai/pull/250 -- nessai's answer before #313: the model is only handed to a pool where the start method is fork (checked with `multiprocessing.get_start_method()`, nessai's check_multiprocessing_start_method); here the sampler logs the reason and evaluates the likelihood serially under any other method instead of raising, so the unpicklable model never crosses
"""Nested-sampling style evidence on a grid, with likelihood calls spread over a pool."""
import argparse
import logging
import math
import multiprocessing as mp
import sys

from r16kit.nested import Model, grid, initialise_pool_variables, make_interpolant

logger = logging.getLogger("sampler")


class NoisyLineModel(Model):
    names = ["m", "c"]
    bounds = {"m": [-2.0, 4.0], "c": [-3.0, 3.0]}

    def __init__(self, xs, ys):
        self.xs = xs
        self.ys = ys
        # the noise level was measured at a few x values and is interpolated in between
        self.sigma = make_interpolant([0.0, 2.0, 4.0, 6.0], [0.4, 0.5, 0.7, 0.6])

    def log_likelihood(self, x):
        m, c = x
        total = 0.0
        for xi, yi in zip(self.xs, self.ys):
            s = self.sigma(xi)
            total += -0.5 * ((yi - (m * xi + c)) / s) ** 2 - math.log(s * math.sqrt(2 * math.pi))
        return total


class GridSampler:
    def __init__(self, model, n_pool=2, resolution=6):
        self.model = model
        self.n_pool = n_pool
        self.resolution = resolution
        self.pool = None

    def configure_pool(self):
        if self.n_pool and mp.get_start_method() != "fork":
            logger.warning("start method %s needs a picklable model; evaluating serially",
                           mp.get_start_method())
            self.n_pool = None
        if self.n_pool:
            self.pool = mp.Pool(self.n_pool, initializer=initialise_pool_variables,
                                initargs=(self.model,))

    def close_pool(self):
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
            self.pool = None

    def run(self):
        self.configure_pool()
        try:
            pts = grid(self.model.names, self.model.bounds, n=self.resolution)
            logl = self.model.batch_evaluate_log_likelihood(pts, pool=self.pool)
        finally:
            self.close_pool()
        peak = max(logl)
        log_z = peak + math.log(sum(math.exp(v - peak) for v in logl) / len(logl))
        best = pts[logl.index(peak)]
        return log_z, best


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n-pool", type=int, default=2)
    args = parser.parse_args(argv)
    xs = [0.5 * i for i in range(12)]
    ys = [1.5 * x - 0.5 + 0.1 * ((-1) ** i) for i, x in enumerate(xs)]
    log_z, best = GridSampler(NoisyLineModel(xs, ys), n_pool=args.n_pool).run()
    print("RESULT=%.3f %.2f,%.2f" % (log_z, best[0], best[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
