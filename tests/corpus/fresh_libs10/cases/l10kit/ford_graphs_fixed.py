"""ford.graphs after PR #433: a node is rebuilt from its ident before its links are restored."""
from l10kit.ford_sources import uses_of


def _rebuild_node(cls, ident, name):
    return cls(ident, name)


class BaseNode:
    def __init__(self, ident, name):
        self.ident = ident
        self.name = name
        self.uses = set()
        self.used_by = set()

    def __eq__(self, other):
        return isinstance(other, BaseNode) and self.ident == other.ident

    def __hash__(self):
        return hash(self.ident)

    def __reduce__(self):
        state = {"uses": self.uses, "used_by": self.used_by}
        return _rebuild_node, (type(self), self.ident, self.name), state

    def __setstate__(self, state):
        self.__dict__.update(state)


class ModNode(BaseNode):
    pass


def build_module_graph(name):
    """Worker job: the node of one module with its neighbourhood."""
    root = ModNode(f"mod:{name}", name)
    for dep in uses_of(name):
        child = ModNode(f"mod:{dep}", dep)
        root.uses.add(child)
        child.used_by.add(root)
    return root
