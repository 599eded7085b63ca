# family: callable
# hazard: none
# line: none
# files: l10kit/emg_sim.py l10kit/emg_solve.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/emsig/emg3d/issues/136 -- near miss: emg3d PR #250 (https://github.com/emsig/emg3d/pull/250) removes the Simulation from multiprocessing: a module-level solver job gets plain dicts built by gather_inputs(); the RLock-guarded Simulation stays in the parent
"""Compute the electric fields of a small survey in parallel, sending only plain inputs (emg3d PR #250)."""
import argparse

from tqdm.contrib.concurrent import process_map

from l10kit.emg_sim import Model, Simulation, Survey
from l10kit.emg_solve import gather_inputs, solve_job


class ParallelSimulation(Simulation):
    """Simulation.compute after the fix: the Simulation itself stays in the parent."""

    def compute(self, observed=False):
        inputs = gather_inputs(self)
        out = process_map(solve_job, inputs,
                          max_workers=self.max_workers, disable=True)
        for key, value in out:
            self.store(key, value)
        if observed:
            return {k: round(v, 3) for k, v in self._dict_efield.items()}
        return self.total()


def build(args):
    survey = Survey()
    for i in range(args.sources):
        survey.add(f"Tx{i}", 1.0 + i)
    model = Model([1.0, 2.0, 4.0])
    return ParallelSimulation(survey, model, max_workers=args.workers)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    sim = build(args)
    total = sim.compute(observed=False)
    print(f"RESULT={total}")


if __name__ == "__main__":
    main()
