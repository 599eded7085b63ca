# family: daemon
# hazard: none
# line: none
# files: r7kit/plugins.py r7kit/nodes.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/nipy/nipype/pull/494 -- the same workflow with the non-daemonic runner (a ProcessPoolExecutor, whose workers may start processes), so the node's own Pool is allowed
import sys

from r7kit.nodes import SerialNode, SumOfSquaresNode
from r7kit.plugins import MultiProcPlugin, NonDaemonPlugin

PLUGINS = {"MultiProc": MultiProcPlugin, "MultiProcNonDaemon": NonDaemonPlugin}


def build_workflow(sizes):
    nodes = []
    for size in sizes:
        values = list(range(size))
        node_cls = SumOfSquaresNode if size > 3 else SerialNode
        nodes.append(node_cls(values))
    return nodes


def run_workflow(nodes, plugin="MultiProc", plugin_args=None):
    runner = PLUGINS[plugin](**(plugin_args or {}))
    return runner.run(nodes)


def main():
    nodes = build_workflow([3, 5, 8])
    results = run_workflow(nodes, plugin="MultiProcNonDaemon", plugin_args={"n_procs": 2})
    print("RESULT=" + ",".join(str(r) for r in results))
    sys.exit(0 if results == [5, 30, 140] else 3)


if __name__ == "__main__":
    main()
