"""sbi's simulate_for_sbi as of issue #317: batches of parameters run by joblib (loky) workers."""
from joblib import Parallel, delayed


class BoxUniform:
    def __init__(self, low, high):
        self.low = list(low)
        self.high = list(high)

    def sample(self, n, seed=0):
        out = []
        state = seed or 1
        for _ in range(n):
            row = []
            for lo, hi in zip(self.low, self.high):
                state = (state * 1103515245 + 12345) % (2 ** 31)
                row.append(round(lo + (hi - lo) * state / 2 ** 31, 4))
            out.append(row)
        return out


def _batches(thetas, sim_batch_size):
    return [thetas[i:i + sim_batch_size] for i in range(0, len(thetas), sim_batch_size)]


def simulate_in_batches(simulator, thetas, sim_batch_size=1, num_workers=1):
    batches = _batches(thetas, sim_batch_size)
    if num_workers == 1:
        return [x for b in batches for x in simulator(b)]
    results = Parallel(n_jobs=num_workers)(delayed(simulator)(batch) for batch in batches)
    return [x for r in results for x in r]


def simulate_for_sbi(simulator, proposal, num_simulations, num_workers=1, sim_batch_size=1, seed=0):
    theta = proposal.sample(num_simulations, seed=seed)
    x = simulate_in_batches(simulator, theta, sim_batch_size, num_workers)
    return theta, x
