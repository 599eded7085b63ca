# family: guard
# hazard: none
# line: none
# files: r16kit/tms.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/simnibs/simnibs/issues/240 -- the same script with its work moved under `if __name__ == "__main__":` (what the bootstrapping message asks for), so the spawned pool workers import it without opening another pool; the library's pool and initializer are unchanged
"""TMS coil-position sweep: solve the field for a grid of positions with the library's pool."""
import sys

from r16kit.tms import SolverConfig, grid_positions, tms_many_simulations

HEAD_MESH = "ernie.msh"
COND = 0.126
N_WORKERS = 2


def summarize(values):
    return "%d %.4f %.4f" % (len(values), min(values), max(values))


def main():
    cfg = SolverConfig(conductivity=COND, mesh_nodes=10)
    positions = grid_positions(4)
    print("solving %d positions on %s" % (len(positions), HEAD_MESH), file=sys.stderr)
    fields = tms_many_simulations(cfg, positions, n_workers=N_WORKERS)
    print("RESULT=" + summarize(fields))
    return 0


if __name__ == "__main__":
    sys.exit(main())
