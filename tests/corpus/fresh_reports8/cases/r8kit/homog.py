"""Shared state for homogenization workers, in the shape of sfepy/homogenization/multiproc.py."""
from multiprocessing import Manager, Process, cpu_count

use_multiprocessing = cpu_count() > 1

multiproc_manager = Manager()
multiproc_dict = multiproc_manager.dict()


def _coef_worker(name, value, store):
    store[name] = value * value


class HomogenizationEngine:
    def __init__(self, coefs):
        self.coefs = dict(coefs)

    def compute(self):
        procs = [Process(target=_coef_worker, args=(k, v, multiproc_dict)) for k, v in self.coefs.items()]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        return dict(multiproc_dict)
