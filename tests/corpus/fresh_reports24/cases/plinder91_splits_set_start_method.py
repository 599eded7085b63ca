# family: start_method
# hazard: set-start-method-twice
# line: r27kit/plinder_legacy.py:8 34
# files: r27kit/plinder_legacy.py r27kit/systems.py
# timeout: 15
# expect: fork=context_already_set spawn=context_already_set forkserver=context_already_set
# note: https://github.com/plinder-org/plinder/pull/91 -- "Fix: set local context to avoid errors resetting global start method": the loader called multiprocessing.set_start_method("spawn") every time it loaded entries, so the second load in one program (here the validation split after the training split) raised "RuntimeError: context has already been set"
"""Build the train and validation datasets of a protein-ligand benchmark from system ids."""
import argparse
import sys
from dataclasses import dataclass, field

from r27kit import systems
from r27kit.plinder_legacy import load_entries


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
