# family: daemon
# hazard: daemon-children
# line: r7kit/nodes.py:14
# files: r7kit/plugins.py r7kit/nodes.py
# expect: fork=daemon_children spawn=daemon_children forkserver=daemon_children
# note: https://github.com/nipy/nipype/pull/494 -- with the MultiProc plugin running the workflow's nodes in a Pool, a node that used multiprocessing itself failed with "daemonic processes are not allowed to have children"; the PR added a non-daemon option
import sys

from r7kit.nodes import SerialNode, SumOfSquaresNode
from r7kit.plugins import MultiProcPlugin

PLUGINS = {"MultiProc": MultiProcPlugin}


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
    results = run_workflow(nodes, plugin_args={"n_procs": 2})
    print("RESULT=" + ",".join(str(r) for r in results))
    sys.exit(0 if results == [5, 30, 140] else 3)


if __name__ == "__main__":
    main()
