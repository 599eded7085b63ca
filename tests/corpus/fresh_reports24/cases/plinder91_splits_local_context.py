# family: start_method
# hazard: none
# line: none
# files: r27kit/plinder_data.py r27kit/systems.py
# timeout: 15
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/plinder-org/plinder/pull/91 -- the PR's change: the loader takes a local context, multiprocessing.get_context("spawn"), and builds its pool from it, so loading the training and then the validation split leaves the global start method alone
"""Build the train and validation datasets of a protein-ligand benchmark from system ids."""
import argparse
import sys
from dataclasses import dataclass, field

from r27kit import systems
from r27kit.plinder_data import load_entries


@dataclass
class PlinderDataset:
    split: str
    system_ids: list
    entries: list = field(default_factory=list)

    def load(self, num_workers):
        self.entries = load_entries(self.system_ids, num_workers=num_workers)
        return self

    @property
    def n_atoms(self):
        return sum(e["n_atoms"] for e in self.entries)


def build_splits(num_workers):
    train = PlinderDataset("train", systems.TRAIN).load(num_workers)
    val = PlinderDataset("val", systems.VAL).load(num_workers)
    return train, val


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--num-workers", type=int, default=2)
    args = parser.parse_args(argv)
    train, val = build_splits(args.num_workers)
    print(f"RESULT=train={len(train.entries)} val={len(val.entries)}")
    return 0 if (len(train.entries), len(val.entries)) == (4, 2) else 3


if __name__ == "__main__":
    sys.exit(main())
