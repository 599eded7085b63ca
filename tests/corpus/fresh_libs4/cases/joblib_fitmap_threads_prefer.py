# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: joblib #718 (https://github.com/joblib/joblib/issues/718): an object that cannot be pickled runs when the Parallel uses threads; FitMap keeps an httpx.Client (from l4kit.clients.build_settings) and fits with prefer="threads", so nothing is pickled.
from joblib import Parallel, delayed

from l4kit.clients import build_settings

CONFIG = {"base_url": "https://fit.example.invalid", "timeout": 3.0}


class FitMap:
    def __init__(self, settings, grid):
        self.settings = settings
        self.grid = grid

    def _fit_one(self, i, j, scale=1.0):
        return self.grid[i] * self.grid[j] * scale

    def fit(self, num_proc=2, **kwargs):
        ij = [(i, j) for i in range(len(self.grid)) for j in range(i, len(self.grid))]
        with Parallel(n_jobs=num_proc, prefer="threads") as parallel:
            return parallel(delayed(self._fit_one)(i, j, **kwargs) for i, j in ij)


if __name__ == "__main__":
    fit_map = FitMap(build_settings(CONFIG), [1.0, 2.0, 3.0])
    out = fit_map.fit(scale=0.5)
    print("RESULT=%.1f" % sum(out))
