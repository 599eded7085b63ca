"""ford.graphs as it was before PR #433: nodes hash on their ident and link both ways."""
from l10kit.ford_sources import uses_of


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
