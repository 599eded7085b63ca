# family: globals
# hazard: none
# line: none
# files: r27kit/features.py r27kit/loader.py
# timeout: 20
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/chemprop/chemprop/issues/115 -- the work-round given in the issue ("For those who want to use Chemprop with Python 3.8 on macOS: run with --num_workers 0"): the same training script with no loader workers, so the molecule graphs are built in the process whose globals the CLI set
"""Train a property model on a SMILES file (the featurization step and the input-size check)."""
import argparse
import sys
from dataclasses import dataclass

from r27kit import features
from r27kit.loader import MoleculeDataLoader

SMILES = ["CCO", "c1ccccc1O", "CC(=O)Nc1ccc(O)cc1", "CCN(CC)CC", "O=C(O)c1ccccc1", "CCCCCC",
          "C1CCCCC1", "CC(C)O", "ClC(Cl)Cl", "CCOC(=O)C"]


@dataclass
class TrainArgs:
    atom_descriptors_size: int
    num_workers: int
    batch_size: int = 4


class MPNEncoder:
    def __init__(self, atom_fdim):
        self.atom_fdim = atom_fdim

    def accepts(self, graph):
        return all(len(atom) == self.atom_fdim for atom in graph)


def run_training(args):
    features.set_extra_atom_fdim(args.atom_descriptors_size)
    encoder = MPNEncoder(features.get_atom_fdim())
    loader = MoleculeDataLoader(SMILES, batch_size=args.batch_size, num_workers=args.num_workers)
    bad = 0
    for batch in loader:
        bad += sum(not encoder.accepts(graph) for graph in batch)
    return encoder.atom_fdim, bad


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--atom_descriptors_size", type=int, default=4)
    parser.add_argument("--num_workers", type=int, default=0)
    ns = parser.parse_args(argv)
    fdim, bad = run_training(TrainArgs(ns.atom_descriptors_size, ns.num_workers))
    print(f"RESULT=atom_fdim={fdim} mismatched={bad}")
    return 0 if bad == 0 else 3


if __name__ == "__main__":
    sys.exit(main())
