"""pyungo-like computation graph (cedricleroy/pyungo PR #10): nodes with inputs and outputs, run level by level."""


class Node:
    def __init__(self, fn, inputs, outputs):
        self.fn = fn
        self.inputs = list(inputs)
        self.outputs = list(outputs)

    def __call__(self, *args):
        res = self.fn(*args)
        return res if len(self.outputs) > 1 else (res,)


def run_node(node, args):
    return dict(zip(node.outputs, node(*args)))


def levels(nodes, data):
    """Groups nodes whose inputs are all known; each group can run in parallel."""
    known, todo, out = set(data), list(nodes), []
    while todo:
        ready = [n for n in todo if all(i in known for i in n.inputs)]
        if not ready:
            raise ValueError("cycle or missing input")
        out.append(ready)
        for n in ready:
            known.update(n.outputs)
            todo.remove(n)
    return out
