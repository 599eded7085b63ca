"""nessai-like model base and pool helpers (nessai.utils.multiprocessing)."""
import math

_model = None


class Model:
    names = []
    bounds = {}

    def log_prior(self, x):
        ok = all(self.bounds[n][0] <= v <= self.bounds[n][1] for n, v in zip(self.names, x))
        return 0.0 if ok else -math.inf

    def log_likelihood(self, x):
        raise NotImplementedError

    def batch_evaluate_log_likelihood(self, xs, pool=None):
        if pool is None:
            return [self.log_likelihood(x) for x in xs]
        return pool.map(log_likelihood_wrapper, xs)


def initialise_pool_variables(model):
    global _model
    _model = model


def log_likelihood_wrapper(x):
    return _model.log_likelihood(x)


def make_interpolant(xs, ys):
    """Piecewise-linear interpolant of a tabulated noise curve."""
    pairs = sorted(zip(xs, ys))

    def interpolant(x):
        for (x0, y0), (x1, y1) in zip(pairs, pairs[1:]):
            if x0 <= x <= x1:
                return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
        return pairs[-1][1] if x > pairs[-1][0] else pairs[0][1]

    return interpolant


def grid(names, bounds, n=4):
    lo = [bounds[k][0] for k in names]
    hi = [bounds[k][1] for k in names]
    pts = []
    for i in range(n):
        for j in range(n):
            pts.append((lo[0] + (hi[0] - lo[0]) * (i + 0.5) / n, lo[1] + (hi[1] - lo[1]) * (j + 0.5) / n))
    return pts
