"""A multicore sampler (pyABC 0.10-like) that hands simulate_one to its worker processes as is."""
import multiprocessing as mp


def work(simulate_one, start, count, queue):
    queue.put([simulate_one(start + k) for k in range(count)])


class MulticoreEvalParallelSampler:
    def __init__(self, n_procs=2):
        self.n_procs = n_procs

    def sample_until_n_accepted(self, n, simulate_one):
        queue = mp.Queue()
        per = max(1, n // self.n_procs)
        procs = [mp.Process(target=work, args=(simulate_one, k * per, per, queue), daemon=True)
                 for k in range(self.n_procs)]
        for p in procs:
            p.start()
        population = []
        for _ in procs:
            population.extend(queue.get(timeout=30))
        for p in procs:
            p.join()
        return population
