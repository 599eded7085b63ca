"""bonobo-like graph: nodes are plain module-level transformations chained in order."""
from dataclasses import dataclass, field


def extract(rows):
    return [r.strip() for r in rows if r.strip()]


def transform(rows):
    return [r.title() for r in rows]


def load(rows):
    return len(rows)


@dataclass
class Graph:
    nodes: list = field(default_factory=list)

    def add_chain(self, *nodes):
        self.nodes.extend(nodes)
        return self
