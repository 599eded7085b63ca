"""Ensemble empirical mode decomposition, reduced to a moving-average sift (after PyEMD's EEMD).

Like PyEMD, calling an EEMD object runs its noise trials in a process pool.
"""
import multiprocessing
import random
from dataclasses import dataclass


def _smooth(xs, width):
    half = width // 2
    out = []
    for i in range(len(xs)):
        window = xs[max(0, i - half):i + half + 1]
        out.append(sum(window) / len(window))
    return out


def _sift(signal, max_imf):
    imfs, residue = [], list(signal)
    for level in range(max_imf):
        trend = _smooth(residue, 2 * level + 3)
        imfs.append([r - t for r, t in zip(residue, trend)])
        residue = trend
    imfs.append(residue)
    return imfs


@dataclass(frozen=True)
class _Trial:
    signal: tuple
    seed: int
    noise_width: float
    max_imf: int


def _run_trial(trial):
    rng = random.Random(trial.seed)
    noisy = [x + rng.uniform(-trial.noise_width, trial.noise_width) for x in trial.signal]
    return _sift(noisy, trial.max_imf)


class EEMD:
    def __init__(self, trials=8, noise_width=0.05, max_imf=2, parallel=True, processes=2, seed=7):
        self.trials = trials
        self.noise_width = noise_width
        self.max_imf = max_imf
        self.parallel = parallel
        self.processes = processes
        self.seed = seed

    def __call__(self, signal):
        jobs = [_Trial(tuple(signal), self.seed + k, self.noise_width, self.max_imf)
                for k in range(self.trials)]
        if self.parallel:
            with multiprocessing.Pool(self.processes) as pool:
                all_imfs = pool.map(_run_trial, jobs)
        else:
            all_imfs = [_run_trial(job) for job in jobs]
        n_imfs = len(all_imfs[0])
        return [[sum(run[i][j] for run in all_imfs) / self.trials for j in range(len(signal))]
                for i in range(n_imfs)]
