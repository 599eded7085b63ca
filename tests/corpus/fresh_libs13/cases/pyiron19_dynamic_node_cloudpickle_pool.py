# family: callable
# hazard: none
# line: none
# files: l25kit/__init__.py l25kit/dynamic.py l25kit/executors.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/pyiron/pyiron_workflow/issues/19 -- near miss: the executor the project kept, CloudpickleProcessPoolExecutor, which wraps the callable, its arguments and its return value in cloudpickle bytes, so a method of a dynamically made node class reaches the worker by value
"""Run a small workflow of function nodes, one node per worker process."""
import argparse
from concurrent.futures import wait

from l25kit.dynamic import as_function_node
from l25kit.executors import CloudpickleProcessPoolExecutor


@as_function_node("square")
def Square(x):
    return x * x


@as_function_node("shift")
def Shift(x):
    return x + 3


class Workflow:
    def __init__(self, nodes, executor_factory):
        self.nodes = nodes
        self.executor_factory = executor_factory
        self.futures = {}

    def inputs_for(self, name, value):
        return (value,)

    def run(self, value):
        executor = self.executor_factory()
        try:
            for name, node in self.nodes.items():
                fut = self._submit(executor, node, name, value)
                fut.add_done_callback(node.process_result)
                self.futures[name] = fut
            wait(list(self.futures.values()))
            return {name: f.result() for name, f in self.futures.items()}
        finally:
            executor.shutdown()

    def _submit(self, executor, node, name, value):
        return executor.submit(node.run, *self.inputs_for(name, value))


def build(max_workers):
    nodes = {"square": Square(), "shift": Shift()}
    return Workflow(nodes, lambda: CloudpickleProcessPoolExecutor(max_workers=max_workers))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--value", type=int, default=4)
    args = parser.parse_args()
    wf = build(2)
    out = wf.run(args.value)
    print(f"RESULT={out['square'] + out['shift']}")


if __name__ == "__main__":
    main()
