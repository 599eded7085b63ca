# family: start_method
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: r2miss near miss: the runner sets the method only when nothing chose it yet.
"""Command line entry point: configure, then run the workers."""
import multiprocessing
import sys


def configure(verbose):
    multiprocessing.set_start_method("spawn")
    return {"verbose": verbose}


def run(config, items):
    if multiprocessing.get_start_method(allow_none=True) is None:
        multiprocessing.set_start_method("spawn")
    with multiprocessing.Pool(2) as pool:
        return pool.map(abs, items)


if __name__ == "__main__":
    config = configure(verbose=False)
    print("RESULT=%s" % run(config, [-1, 2, -3]))
    sys.exit(0)
