# family: exceptions
# hazard: none
# line: none
# files: r28kit/sga.py
# timeout: 15
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/bonsai-team/matam/issues/92 -- the distinction the maintainer asks for ("no reads are left ... a WARNING will be logged" versus "if any SGA command fails, kill the pool"): inside the pool the step raises an ordinary exception for an empty component instead of calling sys.exit, and the task wrapper turns it into an empty result, so every task reports back and map() returns
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


def assemble_or_skip(component, min_length):
    try:
        return sga.assemble_component(component, min_length=min_length, exit_on_empty=False)
    except sga.EmptyComponent:
        return component.name, 0


class Assembler:
    def __init__(self, cpu, min_length):
        self.cpu = cpu
        self.min_length = min_length

    def run(self, components):
        assemble = functools.partial(assemble_or_skip, min_length=self.min_length)
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
