# family: args
# hazard: none
# line: none
# files: r13kit/loader.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/justchenhao/BIT_CD/issues/47 -- the working variant: the dataset reads its image-name list in a with-block and keeps only the path and the list of names, so the loader's worker processes receive a dataset that pickles
import os
import sys
import tempfile

from r13kit.loader import DataLoader


def make_split(root, split, n):
    os.makedirs(os.path.join(root, "list"), exist_ok=True)
    with open(os.path.join(root, "list", split + ".txt"), "w") as f:
        f.write("\n".join("img_%03d.png" % i for i in range(n)) + "\n")


class CDDataset:
    """Pairs of images A/B and their change label, listed in list/<split>.txt."""

    def __init__(self, root_dir, split="train", img_size=256):
        self.root_dir = root_dir
        self.img_size = img_size
        self.list_path = os.path.join(root_dir, "list", split + ".txt")
        with open(self.list_path, "r") as list_file:
            self.img_name_list = [line.strip() for line in list_file if line.strip()]

    def __len__(self):
        return len(self.img_name_list)

    def __getitem__(self, index):
        name = self.img_name_list[index % len(self)]
        return {"A": os.path.join(self.root_dir, "A", name), "B": os.path.join(self.root_dir, "B", name), "name": name}


class CDTrainer:
    def __init__(self, dataloaders, max_num_epochs=1):
        self.dataloaders = dataloaders
        self.max_num_epochs = max_num_epochs
        self.seen = 0

    def train_models(self):
        for epoch in range(self.max_num_epochs):
            for batch in self.dataloaders["train"]:
                self.seen += len(batch)
        return self.seen


def main():
    root = tempfile.mkdtemp(prefix="LEVIR-")
    make_split(root, "train", 12)
    train_set = CDDataset(root, split="train")
    loaders = {"train": DataLoader(train_set, batch_size=4, num_workers=2)}
    seen = CDTrainer(loaders).train_models()
    print("trained on %d pairs" % seen)
    if seen != 12:
        sys.exit(3)


if __name__ == "__main__":
    main()
