"""A microlensing-style fitter that can spread its chi2 evaluations over a pool
the caller hands in (pyLIMA's `fit(..., pool=pool)` shape)."""


def chi2(params):
    a, b = params
    return (a - 1.5) ** 2 + (b + 0.5) ** 2


class Fitter:
    def __init__(self, grid):
        self.grid = list(grid)

    def fit(self, pool=None):
        mapper = pool.map if pool is not None else map
        scores = list(mapper(chi2, self.grid))
        best = min(range(len(scores)), key=scores.__getitem__)
        return self.grid[best], scores[best]
