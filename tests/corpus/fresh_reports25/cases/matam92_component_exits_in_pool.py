# family: exceptions
# hazard: worker-exits-pool-waits
# line: 32 r28kit/sga.py:25
# files: r28kit/sga.py
# timeout: 15
# expect: fork=deadlock spawn=deadlock forkserver=deadlock
# note: https://github.com/bonsai-team/matam/issues/92 (duplicate of #81) -- "The SystemExit exception is not enough to exit the pool worker process": when SGA's filtering leaves no read in a component the step calls sys.exit (code 0: "no reads are left, we have exit with 0 code"); inside a multiprocessing.Pool worker SystemExit is not an Exception, so the worker dies without reporting the task, the pool replaces it and map() waits forever, under every start method
"""MATAM assembly: assemble every connected component of the read graph in parallel."""
import argparse
import functools
import multiprocessing
import sys

from r28kit import sga


def load_components():
    long_read = "ACGT" * 40
    return [sga.Component("c1", [long_read, long_read[:100]]),
            sga.Component("c2", [long_read[:30], long_read[:20]]),  # every read shorter than min_length
            sga.Component("c3", [long_read[:90]])]


class Assembler:
    def __init__(self, cpu, min_length):
        self.cpu = cpu
        self.min_length = min_length

    def run(self, components):
        assemble = functools.partial(sga.assemble_component, min_length=self.min_length)
        with multiprocessing.Pool(self.cpu) as pool:
            return pool.map(assemble, components)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cpu", type=int, default=2)
    parser.add_argument("--min-length", type=int, default=60)
    args = parser.parse_args(argv)
    contigs = Assembler(args.cpu, args.min_length).run(load_components())
    print(f"RESULT=contigs={len(contigs)}")
    return 0 if len(contigs) == 3 else 3


if __name__ == "__main__":
    sys.exit(main())
