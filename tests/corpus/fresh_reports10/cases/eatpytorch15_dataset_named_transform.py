# family: callable
# hazard: none
# line: none
# files: r10kit/miniloader.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/lyhue1991/eat_pytorch_in_20_days/issues/15 -- the fix given in the thread: the transform becomes a named module-level function, which pickles by reference, so the dataset crosses into the loader's worker processes under spawn too
import sys
from dataclasses import dataclass

from r10kit.miniloader import MiniLoader


@dataclass
class Sample:
    text: str
    label: int


class ReviewDataset:
    def __init__(self, samples, transform=None):
        self.samples = samples
        self.transform = transform

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, i):
        s = self.samples[i]
        x = self.transform(s.text) if self.transform else s.text
        return x, s.label


SAMPLES = [Sample("good movie", 1), Sample("bad plot", 0), Sample("great cast", 1),
           Sample("dull", 0), Sample("fine", 1), Sample("awful", 0)]

def word_lengths(t):
    return [len(w) for w in t.split()]


ds_train = ReviewDataset(SAMPLES, transform=word_lengths)


def main():
    dl_train = MiniLoader(ds_train, batch_size=4, num_workers=2)
    for batch in dl_train:
        print(len(batch), batch[0])
        break
    return 0


if __name__ == "__main__":
    sys.exit(main())
