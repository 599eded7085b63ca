# family: callable
# hazard: unpicklable-callable
# line: 35
# files: r27kit/etl.py
# timeout: 15
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/python-bonobo/bonobo/pull/149 -- "When you run a bonobo graph with a ProcessPoolExecutor you will encounter ... AttributeError: Can't pickle local object 'ExecutorStrategy.execute.<locals>._runner'": the strategy defines the node runner as a closure inside execute() and submits it to the executor it was given, which is fine for a ThreadPoolExecutor and fails for a ProcessPoolExecutor under every start method
"""Run an ETL graph with a pluggable executor strategy (here a process pool)."""
import argparse
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from r27kit.etl import Graph, extract, load, transform


class ExecutorStrategy:
    executor_factory = ThreadPoolExecutor

    def __init__(self, max_workers=2):
        self.max_workers = max_workers

    def create_executor(self):
        return self.executor_factory(max_workers=self.max_workers)

    def execute(self, graph, rows):
        context = {"rows": list(rows), "steps": []}

        def _runner(node, data):
            context["steps"].append(node.__name__)
            return node(data)

        with self.create_executor() as executor:
            data = context["rows"]
            for node in graph.nodes:
                data = executor.submit(_runner, node, data).result()
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
