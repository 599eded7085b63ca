# family: callable
# hazard: unpicklable-callable
# line: 24
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: joblib #1360 (https://github.com/joblib/joblib/issues/1360): FitMap.fit hands its bound method self._fit_one to a loky Parallel; the instance keeps ApiSettings from l4kit.clients.build_settings(), whose client field is an httpx.Client (an RLock and an SSLContext inside), so the task cannot be pickled.
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
        with Parallel(n_jobs=num_proc) as parallel:
            return parallel(delayed(self._fit_one)(i, j, **kwargs) for i, j in ij)


if __name__ == "__main__":
    fit_map = FitMap(build_settings(CONFIG), [1.0, 2.0, 3.0])
    out = fit_map.fit(scale=0.5)
    print("RESULT=%.1f" % sum(out))
