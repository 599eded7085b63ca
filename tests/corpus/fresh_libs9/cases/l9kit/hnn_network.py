"""An hnn-core-like Network: parameters plus, once built, the NEURON cells of one simulation.

`_build()` instantiates one hoc section per cell into `self.cells`; `simulate_trial` runs one trial on a
built network. `_clear_neuron_objects()` is the helper the maintainers proposed in issue #432.
"""
from dataclasses import dataclass, field

from l9kit import nrn


@dataclass
class CellType:
    name: str
    n_cells: int
    weight: float


@dataclass
class Network:
    params: dict
    cell_types: list = field(default_factory=list)
    cells: dict = field(default_factory=dict)
    n_cells: int = 0

    def add_cell_type(self, name, n_cells, weight):
        self.cell_types.append(CellType(name, n_cells, weight))

    def _build(self):
        for ct in self.cell_types:
            self.cells[ct.name] = [nrn.h.Section(f"{ct.name}_{i}") for i in range(ct.n_cells)]
        self.n_cells = sum(len(v) for v in self.cells.values())

    def _clear_neuron_objects(self):
        self.cells = dict()
        self.n_cells = 0


def network_from_params(params):
    net = Network(params=dict(params))
    net.add_cell_type("L2_pyramidal", params.get("n_pyr", 3), params.get("w_pyr", 1.0))
    net.add_cell_type("L5_basket", params.get("n_basket", 2), params.get("w_basket", -0.5))
    return net


def simulate_trial(net, trial_idx):
    """Build the cells if needed, run one trial, return the dipole sum (a float)."""
    if not net.cells:
        net._build()
    seed = net.params.get("seed", 0) + trial_idx
    total = 0.0
    for ct in net.cell_types:
        for sec in net.cells[ct.name]:
            total += ct.weight * (sec.params["L"] / 20.0) * (1 + (seed % 3))
    return round(total, 3)
