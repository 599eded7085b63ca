# family: callable
# hazard: closure-to-stdlib-pool-map
# line: 25
# files: l11kit/fragments.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/troyvvgroup/quemb/pull/225 -- "Use pathos multiprocessing as drop-in for multiprocessing.Pool ... If this does not fix the pickling issues we shall try joblib": the bootstrap-embedding driver maps a solver closure over its fragments with multiprocessing.Pool, which pickles the closure by name ("Can't pickle local object 'BE.run_parallel.<locals>._solve'")
"""Solve all fragments of a bootstrap-embedding calculation in parallel."""
import multiprocessing

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

        with multiprocessing.Pool(self.nproc) as pool:
            results = pool.map(_solve, self.fragments)
        return sorted(results)

    def total_energy(self):
        return round(sum(e for _, e, _ in self.run_parallel()), 6)


if __name__ == "__main__":
    be = BE(n_frag=4)
    print(f"RESULT={be.total_energy()}")
