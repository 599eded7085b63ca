# family: globals
# hazard: global-set-in-parent
# line: 36 r27kit/loader.py:25
# files: r27kit/features.py r27kit/loader.py
# timeout: 20
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: https://github.com/chemprop/chemprop/issues/115 -- "Multiprocessing sets global variables back to default in MoleculeDataLoader (Python 3.8, macOS)": the training CLI stores the atom feature size in the featurization module's globals, then the data loader builds molecule graphs in worker processes; spawned workers re-import the module and featurize with the default size
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
    parser.add_argument("--num_workers", type=int, default=2)
    ns = parser.parse_args(argv)
    fdim, bad = run_training(TrainArgs(ns.atom_descriptors_size, ns.num_workers))
    print(f"RESULT=atom_fdim={fdim} mismatched={bad}")
    return 0 if bad == 0 else 3


if __name__ == "__main__":
    sys.exit(main())
