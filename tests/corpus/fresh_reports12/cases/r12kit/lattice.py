"""A tiny accelerator lattice: elements with a length and a kick, and a ring built from them."""
from dataclasses import dataclass, field


@dataclass
class Element:
    name: str
    length: float
    kick: float = 0.0


@dataclass
class Lattice:
    name: str
    elements: list = field(default_factory=list)

    def track(self, x):
        for elem in self.elements:
            x = x + elem.length * 0.001 + elem.kick
        return x


def build_ring(cells=4):
    elems = []
    for i in range(cells):
        elems.append(Element(f"QF{i}", 0.5, 0.01))
        elems.append(Element(f"D{i}", 2.0))
        elems.append(Element(f"QD{i}", 0.5, -0.01))
    return Lattice("demo-ring", elems)
