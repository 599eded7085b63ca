# family: callable
# hazard: dynamic-class-method-to-process-pool
# line: 46
# files: l25kit/__init__.py l25kit/dynamic.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/pyiron/pyiron_workflow/issues/19 -- pyiron_workflow nodes are classes made dynamically by a decorator (type() with a partialmethod __init__); "submit a method from such a class, that both takes as an argument and returns such an unpickleable class" to a plain concurrent.futures.ProcessPoolExecutor and pickle fails (the class cannot be found by its name), which is why the project kept its CloudpickleProcessPoolExecutor (the tests "for un-pickleable arguments and un-pickleable return values")
"""Run a small workflow of function nodes, one node per worker process."""
import argparse
from concurrent.futures import ProcessPoolExecutor, wait

from l25kit.dynamic import as_function_node


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
    return Workflow(nodes, lambda: ProcessPoolExecutor(max_workers=max_workers))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--value", type=int, default=4)
    args = parser.parse_args()
    wf = build(2)
    out = wf.run(args.value)
    print(f"RESULT={out['square'] + out['shift']}")


if __name__ == "__main__":
    main()
