# family: start_method
# hazard: set-start-method-twice
# line: 17
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: r2miss model: the command line tool configures the runtime (which picks the start method) and then runs the workers, which pick it again; both functions run, in that order, from the main block.
"""Command line entry point: configure, then run the workers."""
import multiprocessing
import sys


def configure(verbose):
    multiprocessing.set_start_method("spawn")
    return {"verbose": verbose}


def run(config, items):
    multiprocessing.set_start_method("spawn")
    with multiprocessing.Pool(2) as pool:
        return pool.map(abs, items)


if __name__ == "__main__":
    config = configure(verbose=False)
    print("RESULT=%s" % run(config, [-1, 2, -3]))
    sys.exit(0)
