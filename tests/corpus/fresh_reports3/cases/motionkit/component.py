"""Stand-in for motion's Component: fit operations run in a daemonic executor process."""
import multiprocessing


def _executor(fit_fn, state, batch, out):
    out.put(fit_fn(state, batch))


class Component:
    def __init__(self, name, init_state):
        self.name = name
        self.state = dict(init_state)
        self._fit_ops = {}

    def fit(self, key):
        def register(fn):
            self._fit_ops[key] = fn
            return fn
        return register

    def run(self, key, batch):
        out = multiprocessing.Queue()
        proc = multiprocessing.Process(target=_executor,
                                       args=(self._fit_ops[key], self.state, batch, out),
                                       daemon=True)
        proc.start()
        result = out.get(timeout=15)
        proc.join()
        return result
