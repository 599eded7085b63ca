"""pyiron_workflow-like nodes: a decorator turns a plain function into a node class made by type()."""
from functools import partialmethod


class Node:
    def __init__(self, fnc, label="node"):
        self.fnc = fnc
        self.label = label
        self.result = None

    @property
    def run(self):
        return self.fnc

    def process_result(self, future):
        self.result = future.result()


def as_function_node(label):
    """Decorator: build a Node subclass whose constructor is bound to the decorated function."""
    def wrap(fnc):
        return type(
            fnc.__name__,
            (Node,),
            {"__init__": partialmethod(Node.__init__, fnc, label)},
        )
    return wrap
