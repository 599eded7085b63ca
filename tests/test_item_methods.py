"""MP413 for a method of the items a caller hands to another project module's helper whose daemonic Pool workers
call it (nipype #494: the MultiProc plugin maps `_run_node` over the nodes, `_run_node(node)` calls `node.run()`,
and a node whose `run` opens its own Pool fails: "daemonic processes are not allowed to have children").
Near misses: a non-daemonic runner (ProcessPoolExecutor), nodes whose `run` starts nothing, and a plugin chosen
from a registry by a key the callers give (judged only for the class the key surely picks). Proven by running
each program under fork, spawn and forkserver."""
import pytest
from helpers import assert_outcome, run_program

from test_semantic_crossmodule import findings, project

PLUGINS = """
    import concurrent.futures
    import multiprocessing


    def _run_node(node):
        return node.run()


    class MultiProcPlugin:
        def __init__(self, n_procs=2):
            self.n_procs = n_procs

        def run(self, nodes):
            with multiprocessing.Pool(self.n_procs) as pool:
                return pool.map(_run_node, nodes)


    class NonDaemonPlugin:
        def __init__(self, n_procs=2):
            self.n_procs = n_procs

        def run(self, nodes):
            with concurrent.futures.ProcessPoolExecutor(self.n_procs) as ex:
                return list(ex.map(_run_node, nodes))
"""

NODES = """
    import multiprocessing


    def _square(x):
        return x * x


    class PooledNode:
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
"""

MAIN = """
    import sys

    from kit.nodes import PooledNode, SerialNode
    from kit.plugins import MultiProcPlugin, NonDaemonPlugin

    PLUGINS = {"MultiProc": MultiProcPlugin, "NonDaemon": NonDaemonPlugin}


    def run_workflow(nodes, plugin="MultiProc"):
        return PLUGINS[plugin](2).run(nodes)


    def main():
        nodes = [NODE([1, 2, 3])]
        results = RUN
        print("RESULT=%s" % results)
        sys.exit(0 if results == [14] else 3)


    if __name__ == "__main__":
        main()
"""

# (the node class, how the workflow runs) -> does a daemonic worker open a Pool
CASES = {("PooledNode", "MultiProcPlugin(2).run(nodes)"): True,
         ("PooledNode", "NonDaemonPlugin(2).run(nodes)"): False,
         ("SerialNode", "MultiProcPlugin(2).run(nodes)"): False,
         ("PooledNode", "run_workflow(nodes)"): True,
         ("PooledNode", 'run_workflow(nodes, plugin="NonDaemon")'): False}


def _workflow(tmp_path, node, run):
    return project(tmp_path, {"kit/__init__.py": "", "kit/plugins.py": PLUGINS, "kit/nodes.py": NODES,
                              "main.py": MAIN.replace("NODE", node).replace("RUN", run)})


@pytest.mark.parametrize("node, run", sorted(CASES))
def test_a_method_of_the_items_a_daemonic_pool_worker_calls(tmp_path, node, run):
    got = findings(_workflow(tmp_path, node, run) / "main.py", "MP413")
    assert bool(got) is CASES[(node, run)]
    assert all("kit.nodes.PooledNode.run()" in f.message for f in got)


@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
@pytest.mark.parametrize("node, run", sorted(CASES))
def test_runtime_method_of_the_items(tmp_path, node, run, method):
    root = _workflow(tmp_path, node, run)
    out = run_program(root / "main.py", method, timeout=60, cwd=root)
    assert_outcome(out, CASES[(node, run)], "daemonic processes are not allowed to have children", "RESULT=[14]")
