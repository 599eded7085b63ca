# family: torch
# hazard: unpicklable-argument
# line: 41 42
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# timeout: 90
# note: A line-oriented text Dataset opens its file in __init__ and keeps the handle for random access; with num_workers=2 the DataLoader must pickle the dataset for spawn and forkserver workers, and the open file refuses: "cannot pickle '_io.TextIOWrapper' object" (fork inherits it and works). Shape of https://github.com/sgrvinod/a-PyTorch-Tutorial-to-Image-Captioning/issues/143 ("can't pickle _thread._local objects", avoided with num_workers=0) and https://github.com/pyg-team/pytorch_geometric/pull/2440 (what a DataLoader pickles for its workers on Windows).
"""Index a text file by line offsets and read it through a DataLoader."""
import os
import tempfile

import torch
from torch.utils.data import DataLoader, Dataset


class LineDataset(Dataset):
    def __init__(self, path):
        self.handle = open(path, "r", encoding="utf-8")
        self.offsets = []
        offset = 0
        for line in self.handle:
            self.offsets.append(offset)
            offset += len(line.encode("utf-8"))

    def __len__(self):
        return len(self.offsets)

    def __getitem__(self, i):
        self.handle.seek(self.offsets[i])
        return torch.tensor(len(self.handle.readline().strip()))


def write_corpus(path, n=20):
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write("token " * (i % 5 + 1) + "\n")


def main():
    path = os.path.join(tempfile.mkdtemp(), "corpus.txt")
    write_corpus(path)
    loader = DataLoader(LineDataset(path), batch_size=4, num_workers=2)
    lengths = torch.cat([batch for batch in loader])
    print(f"{len(lengths)} lines, mean length {lengths.float().mean():.1f}")
    print("RESULT=" + str(int(lengths.sum())))


if __name__ == "__main__":
    main()
