# family: pathos
# hazard: parent-state-not-inherited
# line: 18
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: The main block changes a module-level setting before mapping; dill pickles a function of the script by reference to __main__, so spawned workers re-import the script and read the import-time value. Modelled on https://github.com/uqfoundation/pathos/issues/118 (globals of __main__ under spawn).
import sys

from pathos.multiprocessing import ProcessPool

SETTINGS = {"scale": 1}


def work(x):
    return x * SETTINGS["scale"]


if __name__ == "__main__":
    SETTINGS["scale"] = 10
    result = ProcessPool(nodes=2).map(work, range(3))
    print("RESULT=" + str(result))
    if result != [0, 10, 20]:
        sys.exit(3)
