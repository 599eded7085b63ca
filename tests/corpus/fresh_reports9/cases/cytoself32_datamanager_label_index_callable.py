# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/royerlab/cytoself/issues/32 -- the workaround from the thread: replace the lambda label transform with a picklable module-level callable, so the dataset the loader workers receive pickles under spawn
import sys
from dataclasses import dataclass, field
from multiprocessing import Pool


@dataclass
class ImageDataset:
    images: list
    labels: list
    label_transform: object = None

    def __len__(self):
        return len(self.images)

    def item(self, idx):
        label = self.labels[idx]
        if self.label_transform is not None:
            label = self.label_transform(label)
        return sum(self.images[idx]), label


@dataclass(frozen=True)
class LabelIndex:
    unique_labels: tuple

    def __call__(self, label):
        return self.unique_labels.index(label)


@dataclass
class DataManagerOpenCell:
    basepath: str
    channels: tuple = ("pro", "nuc")
    label_names: list = field(default_factory=lambda: ["ER", "golgi", "nucleoli"])

    def __post_init__(self):
        self.unique_labels = sorted(self.label_names)

    def const_dataset(self, n):
        images = [[i, i + 1, i + 2] for i in range(n)]
        labels = [self.label_names[i % len(self.label_names)] for i in range(n)]
        return ImageDataset(images, labels,
                            label_transform=LabelIndex(tuple(self.unique_labels)))


_worker_dataset = None


def init_worker(dataset):
    global _worker_dataset
    _worker_dataset = dataset


def load_item(idx):
    return _worker_dataset.item(idx)


def batches(dataset, workers=2):
    with Pool(workers, initializer=init_worker, initargs=(dataset,)) as pool:
        return pool.map(load_item, range(len(dataset)))


if __name__ == "__main__":
    dm = DataManagerOpenCell("data/opencell")
    train = dm.const_dataset(6)
    out = batches(train)
    print(f"RESULT={out}")
    sys.exit(0 if out[1] == (6, 1) else 3)
