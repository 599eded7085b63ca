"""Workflow nodes: one of them splits its work over its own Pool."""
import multiprocessing


def _square(x):
    return x * x


class SumOfSquaresNode:
    def __init__(self, values):
        self.values = list(values)

    def run(self):
        with multiprocessing.Pool(2) as pool:
            return sum(pool.map(_square, self.values))


class SerialNode:
    def __init__(self, values):
        self.values = list(values)

    def run(self):
        return sum(_square(v) for v in self.values)
