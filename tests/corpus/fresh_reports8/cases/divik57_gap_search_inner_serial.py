# family: daemon
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/gmrukwa/divik/pull/57 -- the PR's fix: the search still scores each k in a Pool, but asks the GAP statistic for n_jobs=1, so the reference dispersions are computed serially inside the worker
import random
import sys
from dataclasses import dataclass
from multiprocessing import Pool


def _dispersion(points, k):
    ordered = sorted(points)
    size = max(1, len(ordered) // k)
    groups = [ordered[i:i + size] for i in range(0, len(ordered), size)]
    return sum(sum((p - sum(g) / len(g)) ** 2 for p in g) for g in groups)


def gap(data, k, n_jobs, n_refs=3, seed=0):
    rng = random.Random(seed + k)
    refs = [[rng.uniform(min(data), max(data)) for _ in data] for _ in range(n_refs)]
    if n_jobs != 1:
        with Pool(n_jobs) as pool:
            ref_disp = pool.starmap(_dispersion, [(ref, k) for ref in refs])
    else:
        ref_disp = [_dispersion(ref, k) for ref in refs]
    return k, round(sum(ref_disp) / n_refs - _dispersion(data, k), 3)


@dataclass
class GAPSearch:
    max_k: int = 4
    n_jobs: int = 2

    def fit(self, data):
        with Pool(self.n_jobs) as pool:
            scores = pool.starmap(gap, [(data, k, 1) for k in range(2, self.max_k + 1)])
        self.scores_ = dict(scores)
        self.best_k_ = max(self.scores_, key=self.scores_.get)
        return self


if __name__ == "__main__":
    rng = random.Random(7)
    data = [rng.gauss(c, 0.3) for c in (0, 5, 10) for _ in range(20)]
    search = GAPSearch().fit(data)
    print(f"RESULT={len(search.scores_)}")
    if len(search.scores_) != 3:
        sys.exit(3)
