"""Stand-in for scikit-opt's genetic algorithm with a multiprocessing mode."""
import multiprocessing


class GA:
    def __init__(self, func, n_dim, size_pop=8, max_iter=2):
        self.func = func
        self.n_dim = n_dim
        self.size_pop = size_pop
        self.max_iter = max_iter

    def run(self):
        pop = [[(i + j) / 10.0 for j in range(self.n_dim)] for i in range(self.size_pop)]
        best = None
        for _ in range(self.max_iter):
            with multiprocessing.Pool(2) as pool:
                ys = pool.map(self.func, pop)
            best = min(ys)
        return best
