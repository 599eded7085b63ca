"""quemb-like bootstrap embedding fragments (troyvvgroup/quemb PR #225)."""
from dataclasses import dataclass, field


@dataclass
class Fragment:
    index: int
    orbitals: list = field(default_factory=list)


def make_fragments(n):
    return [Fragment(i, list(range(i, i + 3))) for i in range(n)]


def solve_fragment(frag, mu, solver="CCSD"):
    energy = -0.5 * sum(frag.orbitals) + mu * len(frag.orbitals)
    return frag.index, round(energy, 6), solver
