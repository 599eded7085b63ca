# family: callable
# hazard: bound-method-with-rlock-to-process-map
# line: 25 l10kit/emg_sim.py:40
# files: l10kit/emg_sim.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/emsig/emg3d/issues/136 -- "TypeError: cannot pickle '_thread.RLock' object" from simulation.compute(observed=True): emg3d 0.14 handed its Simulation's work to tqdm's process_map; what crossed was the Simulation itself (here as the bound method self._get_efield), whose field cache is guarded by an RLock. The reporter saw it on Windows; the fix (PR #250, 'Remove Simulation from multiprocessing') sends only the model data and one source per job
"""Compute the electric fields of a small survey in parallel (emg3d-like Simulation.compute)."""
import argparse

from tqdm.contrib.concurrent import process_map

from l10kit.emg_sim import Model, Simulation, Survey


class ParallelSimulation(Simulation):
    """Simulation.compute as emg3d 0.14 had it: the bound method goes to process_map."""

    def _get_efield(self, srcfreq):
        src, freq = srcfreq
        strength = self.survey.sources[src].strength
        return srcfreq, strength * self.model.conductivity() / freq

    def compute(self, observed=False):
        srcfreq = self.survey.pairs()
        out = process_map(self._get_efield, srcfreq,
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
