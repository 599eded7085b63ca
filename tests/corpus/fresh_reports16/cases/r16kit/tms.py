"""simnibs-like TMS optimisation helper: many coil positions solved by a pool of workers."""
import multiprocessing
from dataclasses import dataclass

_solver = None


@dataclass
class SolverConfig:
    conductivity: float
    mesh_nodes: int
    field: str = "E"


def _set_up_global_solver(cfg):
    global _solver
    _solver = cfg


def _run_one(position):
    x, y, angle = position
    # a stand-in for the FEM solve: a deterministic field magnitude per position
    return round(_solver.conductivity * (x * x + y * y + angle) / _solver.mesh_nodes, 6)


def tms_many_simulations(cfg, positions, n_workers=2):
    with multiprocessing.Pool(processes=n_workers, initializer=_set_up_global_solver,
                              initargs=(cfg,)) as pool:
        return pool.map(_run_one, positions)


def grid_positions(n=4):
    return [(i * 0.5, j * 0.25, (i + j) % 3) for i in range(n) for j in range(n)]
