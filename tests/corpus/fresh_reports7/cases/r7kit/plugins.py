"""Workflow execution plugins in the shape of nipype's MultiProc plugin:
nodes run in a process pool; a node may parallelise its own work."""
import concurrent.futures
import multiprocessing


def _run_node(node):
    return node.run()


class MultiProcPlugin:
    """Runs each node in a multiprocessing.Pool worker (daemonic)."""

    def __init__(self, n_procs=2):
        self.n_procs = n_procs

    def run(self, nodes):
        with multiprocessing.Pool(self.n_procs) as pool:
            return pool.map(_run_node, nodes)


class NonDaemonPlugin:
    """Runs each node in a ProcessPoolExecutor worker (not daemonic)."""

    def __init__(self, n_procs=2):
        self.n_procs = n_procs

    def run(self, nodes):
        with concurrent.futures.ProcessPoolExecutor(self.n_procs) as ex:
            return list(ex.map(_run_node, nodes))
