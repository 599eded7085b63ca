"""RVIC-like parameter generation: the unit hydrograph of each outlet is built from the grid cells that drain
to it; an outlet with no contributing cells cannot be routed."""
from dataclasses import dataclass, field


@dataclass
class Outlet:
    name: str
    cells: list = field(default_factory=list)


class RoutingError(ValueError):
    pass


def read_pour_points(spec):
    """'name:cell,cell;name:...' -> outlets, in file order."""
    outlets = []
    for item in spec.split(";"):
        name, _, cells = item.partition(":")
        outlets.append(Outlet(name.strip(), [int(c) for c in cells.split(",") if c.strip()]))
    return outlets


def gen_uh_run(outlet, velocity=1.0, diffusion=2000.0):
    """Returns (outlet name, unit hydrograph ordinates)."""
    if not outlet.cells:
        raise RoutingError(f"outlet {outlet.name} has no upstream grid cells")
    total = float(sum(outlet.cells))
    uh = [c / total * velocity for c in sorted(outlet.cells)]
    return outlet.name, [round(v, 6) for v in uh]
