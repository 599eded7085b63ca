"""AutoEIS-like helpers: one Bayesian fit per candidate circuit."""
from dataclasses import dataclass, field

from . import runtime


@dataclass
class Circuit:
    name: str
    elements: list = field(default_factory=list)

    def n_params(self):
        return len(self.elements)


def parse_circuit(text):
    name, _, body = text.partition(":")
    return Circuit(name=name.strip(), elements=[e.strip() for e in body.split("-") if e.strip()])


def perform_bayesian_inference(circuit, freq):
    """Return (circuit name, log-likelihood) for one circuit; runs kernels on the runtime."""
    score = runtime.kernel_sum([f * (i + 1) for i, f in enumerate(freq)]) / (1 + circuit.n_params())
    return circuit.name, round(score, 3)
