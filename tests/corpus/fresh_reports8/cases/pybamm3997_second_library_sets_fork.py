# family: start_method
# hazard: set-start-method-misuse
# line: r8kit/bamm.py:6
# files: r8kit/thing.py r8kit/bamm.py
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: https://github.com/pybamm-team/PyBaMM/issues/3997 -- `import thing` (which calls mp.set_start_method("spawn")) followed by `import pybamm` fails at import: PyBaMM #3975 made pybamm call set_start_method("fork") when imported, and the second call raises "context has already been set"
import sys

import r8kit.thing
from r8kit import bamm

CURRENTS = [0.5, 1.0, 2.0, 4.0]


def discharge_times(capacity, currents):
    sim = bamm.Simulation(capacity)
    return sim.solve_batch(currents, nproc=2)


if __name__ == "__main__":
    print(r8kit.thing.hello())
    times = discharge_times(5.0, CURRENTS)
    print(f"RESULT={times}")
    if times != [10.0, 5.0, 2.5, 1.25]:
        sys.exit(3)
