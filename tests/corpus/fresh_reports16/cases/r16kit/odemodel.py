"""A tiny AMICI-like ODE model builder: reactions -> right-hand sides made of product terms."""
from dataclasses import dataclass, field
from math import prod


@dataclass(frozen=True)
class Term:
    coef: float
    factors: tuple


class Expression:
    def __init__(self, terms=()):
        self.terms = list(terms)

    def powsimp(self, deep=False):
        merged = {}
        for term in self.terms:
            key = tuple(sorted(term.factors))
            merged[key] = merged.get(key, 0.0) + term.coef
        return Expression(Term(c, k) for k, c in sorted(merged.items()) if abs(c) > 1e-12)

    def evaluate(self, values):
        return sum(t.coef * prod(values[f] for f in t.factors) for t in self.terms)

    def __len__(self):
        return len(self.terms)


@dataclass
class Reaction:
    reactants: tuple
    products: tuple
    rate: str


@dataclass
class ModelSpec:
    name: str
    species: list
    reactions: list
    parameters: dict = field(default_factory=dict)
    initial: dict = field(default_factory=dict)


def identity(expr):
    return expr


class DEModel:
    """Holds the symbolic right-hand side of every species and the simplification to apply."""

    def __init__(self, spec, simplify=None):
        self.spec = spec
        self._simplify = simplify if simplify is not None else identity
        self._rhs = {}

    @property
    def simplify(self):
        return self._simplify

    def generate_basic_variables(self):
        self._rhs = {s: Expression() for s in self.spec.species}
        for reaction in self.spec.reactions:
            flux = (reaction.rate,) + tuple(reaction.reactants)
            for s in reaction.reactants:
                self._rhs[s].terms.append(Term(-1.0, flux))
            for s in reaction.products:
                self._rhs[s].terms.append(Term(1.0, flux))

    def rhs_expressions(self):
        return [self._rhs[s] for s in self.spec.species]

    def set_rhs(self, exprs):
        self._rhs = dict(zip(self.spec.species, exprs))

    def evaluate_rhs(self):
        values = dict(self.spec.parameters)
        values.update(self.spec.initial)
        return {s: self._rhs[s].evaluate(values) for s in self.spec.species}


def example_spec():
    return ModelSpec(
        name="enzyme",
        species=["E", "S", "ES", "P"],
        reactions=[
            Reaction(("E", "S"), ("ES",), "kf"),
            Reaction(("ES",), ("E", "S"), "kr"),
            Reaction(("ES",), ("E", "P"), "kcat"),
            Reaction(("E", "S"), ("ES",), "kf"),
            Reaction(("ES",), ("E", "P"), "kcat"),
        ],
        parameters={"kf": 2.0, "kr": 0.5, "kcat": 1.5},
        initial={"E": 1.0, "S": 3.0, "ES": 0.25, "P": 0.0},
    )
