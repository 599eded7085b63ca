"""simulate_for_sbi after PR #323's proposal: the batches go to a pathos ProcessPool (dill serialisation)."""
from pathos.pools import ProcessPool


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


def simulate_in_batches(simulator, thetas, sim_batch_size=1, num_workers=1):
    batches = [thetas[i:i + sim_batch_size] for i in range(0, len(thetas), sim_batch_size)]
    if num_workers == 1:
        return [x for b in batches for x in simulator(b)]
    pool = ProcessPool(nodes=num_workers)
    try:
        results = pool.map(simulator, batches)
    finally:
        pool.close()
        pool.join()
        pool.clear()
    return [x for r in results for x in r]


def simulate_for_sbi(simulator, proposal, num_simulations, num_workers=1, sim_batch_size=1, seed=0):
    theta = proposal.sample(num_simulations, seed=seed)
    x = simulate_in_batches(simulator, theta, sim_batch_size, num_workers)
    return theta, x
