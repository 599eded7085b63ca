# family: guard
# hazard: unguarded-pool-call-at-module-level
# line: 25
# files: r16kit/tms.py
# timeout: 20
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# note: https://github.com/simnibs/simnibs/issues/240 -- "parallel running the tms optimization code in Linux is normal but error occurs in Windows ... RuntimeError: An attempt has been made to start a new process before the current process has finished its bootstrapping phase": the user's optimisation script calls the library function that opens `multiprocessing.Pool(initializer=_set_up_tms_many_global_solver, initargs=(...))` at module level, so every spawned worker re-runs the script and tries to open the pool again
"""TMS coil-position sweep: solve the field for a grid of positions with the library's pool."""
import sys

from r16kit.tms import SolverConfig, grid_positions, tms_many_simulations

HEAD_MESH = "ernie.msh"
COND = 0.126
N_WORKERS = 2


def summarize(values):
    return "%d %.4f %.4f" % (len(values), min(values), max(values))


cfg = SolverConfig(conductivity=COND, mesh_nodes=10)
positions = grid_positions(4)
print("solving %d positions on %s" % (len(positions), HEAD_MESH), file=sys.stderr)
fields = tms_many_simulations(cfg, positions, n_workers=N_WORKERS)
print("RESULT=" + summarize(fields))
