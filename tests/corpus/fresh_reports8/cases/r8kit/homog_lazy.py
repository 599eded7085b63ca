"""The same engine with the manager started on first use (the fix proposed in sfepy #1294)."""
from multiprocessing import Manager, Process

_manager = None


def get_dict():
    global _manager
    if _manager is None:
        _manager = Manager()
    return _manager.dict()


def _coef_worker(name, value, store):
    store[name] = value * value


class HomogenizationEngine:
    def __init__(self, coefs):
        self.coefs = dict(coefs)

    def compute(self):
        store = get_dict()
        procs = [Process(target=_coef_worker, args=(k, v, store)) for k, v in self.coefs.items()]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        return dict(store)
