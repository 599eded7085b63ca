"""Reduced distilabel.pipeline.local.Pipeline: each step of the DAG runs in a pool worker."""
import logging
import multiprocessing as mp

_logger = logging.getLogger("distilabel.pipeline")


def _init_worker(log_queue):
    logging.getLogger().setLevel(logging.INFO)


def _run_step(args):
    name, func, batch = args
    return name, [func(row) for row in batch]


class Pipeline:
    def __init__(self, name):
        self.name = name
        self.dag = {}

    def add_step(self, name, func):
        self.dag[name] = func

    def run(self, data):
        num_processes = len(self.dag)
        ctx = mp.get_context()
        with ctx.Manager() as manager, ctx.Pool(
            num_processes,
            initializer=_init_worker,
            initargs=(manager.Queue(),),
        ) as pool:
            results = pool.map(_run_step, [(n, f, data) for n, f in self.dag.items()])
        return dict(results)
