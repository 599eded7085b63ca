# family: callable
# hazard: none
# line: none
# files: r27kit/etl.py
# timeout: 15
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/python-bonobo/bonobo/pull/149 -- the PR's change: "This PR moves plugin and node runners to a global context of executor module so that they could be pickled"; the runner is a module-level function that gets the node and its input as arguments, and the step log is kept by the strategy in the parent
"""Run an ETL graph with a pluggable executor strategy (here a process pool)."""
import argparse
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from r27kit.etl import Graph, extract, load, transform


def run_node(node, data):
    """Module-level runner: picklable by reference, so any executor can take it."""
    return node.__name__, node(data)


class ExecutorStrategy:
    executor_factory = ThreadPoolExecutor

    def __init__(self, max_workers=2):
        self.max_workers = max_workers

    def create_executor(self):
        return self.executor_factory(max_workers=self.max_workers)

    def execute(self, graph, rows):
        steps = []
        with self.create_executor() as executor:
            data = list(rows)
            for node in graph.nodes:
                name, data = executor.submit(run_node, node, data).result()
                steps.append(name)
        return data


class ProcessPoolExecutorStrategy(ExecutorStrategy):
    executor_factory = ProcessPoolExecutor


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    graph = Graph().add_chain(extract, transform, load)
    rows = ["  alice ", "bob", "", " carol"]
    loaded = ProcessPoolExecutorStrategy(args.workers).execute(graph, rows)
    print(f"RESULT=loaded={loaded}")
    return 0 if loaded == 3 else 3


if __name__ == "__main__":
    sys.exit(main())
