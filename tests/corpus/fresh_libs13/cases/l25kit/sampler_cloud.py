"""A multicore sampler that cloudpickles simulate_one before starting its worker processes."""
import multiprocessing as mp

import cloudpickle


def work(payload, start, count, queue):
    simulate_one = cloudpickle.loads(payload)
    queue.put([simulate_one(start + k) for k in range(count)])


class MulticoreEvalParallelSampler:
    def __init__(self, n_procs=2):
        self.n_procs = n_procs

    def sample_until_n_accepted(self, n, simulate_one):
        queue = mp.Queue()
        per = max(1, n // self.n_procs)
        payload = cloudpickle.dumps(simulate_one)
        procs = [mp.Process(target=work, args=(payload, k * per, per, queue), daemon=True)
                 for k in range(self.n_procs)]
        for p in procs:
            p.start()
        population = []
        for _ in procs:
            population.extend(queue.get(timeout=30))
        for p in procs:
            p.join()
        return population
