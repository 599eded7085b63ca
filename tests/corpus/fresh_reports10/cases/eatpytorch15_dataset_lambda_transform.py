# family: callable
# hazard: unpicklable-initarg
# line: 41 r10kit/miniloader.py:29
# files: r10kit/miniloader.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/lyhue1991/eat_pytorch_in_20_days/issues/15 -- on Windows, iterating a DataLoader with workers fails with "Can't pickle <function <lambda>>: attribute lookup <lambda> on __main__ failed": the dataset's transform is a lambda defined in the script and the dataset is pickled into every worker process
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

ds_train = ReviewDataset(SAMPLES, transform=lambda t: [len(w) for w in t.split()])


def main():
    dl_train = MiniLoader(ds_train, batch_size=4, num_workers=2)
    for batch in dl_train:
        print(len(batch), batch[0])
        break
    return 0


if __name__ == "__main__":
    sys.exit(main())
