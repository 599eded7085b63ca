# family: start_method
# hazard: none
# line: none
# files: r8kit/bamm_safe.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/pybamm-team/PyBaMM/issues/3997 -- the fix the issue asks for: the solver package wraps its import-time set_start_method("fork") in try/except RuntimeError, so importing it never fails; here it is the first to set the method and the batch solve runs in forked workers
import sys

from r8kit import bamm_safe as bamm

CURRENTS = [0.5, 1.0, 2.0, 4.0]


def discharge_times(capacity, currents):
    sim = bamm.Simulation(capacity)
    return sim.solve_batch(currents, nproc=2)


if __name__ == "__main__":
    times = discharge_times(5.0, CURRENTS)
    print(f"RESULT={times}")
    if times != [10.0, 5.0, 2.5, 1.25]:
        sys.exit(3)
