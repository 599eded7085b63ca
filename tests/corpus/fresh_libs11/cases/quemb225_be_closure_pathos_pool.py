# family: callable
# hazard: none
# line: none
# files: l11kit/fragments.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/troyvvgroup/quemb/pull/225 -- near miss: the PR's change, pathos' ProcessPool as a drop-in for multiprocessing.Pool; dill serialises the closure (and the BE object it reads) by value
"""Solve all fragments of a bootstrap-embedding calculation in parallel, with pathos."""
from pathos.pools import ProcessPool

from l11kit.fragments import make_fragments, solve_fragment


class BE:
    def __init__(self, n_frag, mu=0.1, solver="CCSD", nproc=2):
        self.fragments = make_fragments(n_frag)
        self.mu = mu
        self.solver = solver
        self.nproc = nproc

    def run_parallel(self):
        def _solve(frag):
            return solve_fragment(frag, self.mu, solver=self.solver)

        pool = ProcessPool(nodes=self.nproc)
        try:
            results = pool.map(_solve, self.fragments)
        finally:
            pool.close()
            pool.join()
            pool.clear()
        return sorted(results)

    def total_energy(self):
        return round(sum(e for _, e, _ in self.run_parallel()), 6)


if __name__ == "__main__":
    be = BE(n_frag=4)
    print(f"RESULT={be.total_energy()}")
