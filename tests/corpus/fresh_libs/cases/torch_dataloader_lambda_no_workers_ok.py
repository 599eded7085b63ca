# family: torch
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 60
# note: False friend: the same lambda collate_fn and a loop at module level, but `num_workers=0` (the workaround suggested in https://github.com/Teoge/DMPR-PS/issues/17 and https://github.com/HazyResearch/cartridges/issues/20): the DataLoader loads in the main process, so nothing is pickled and nothing is spawned. PyTorch docs, "Single- and Multi-process Data Loading" (https://pytorch.org/docs/stable/data.html#single-and-multi-process-data-loading).
import torch
from torch.utils.data import DataLoader, Dataset


class Sentences(Dataset):
    def __init__(self):
        self.items = ["the cat sat", "dogs bark loudly", "a bird", "fish swim in water", "hi"]
        self.vocab = {w: i + 1 for i, w in enumerate(sorted({w for s in self.items for w in s.split()}))}

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return torch.tensor([self.vocab[w] for w in self.items[i].split()])


def pad(batch):
    width = max(len(t) for t in batch)
    return torch.stack([torch.nn.functional.pad(t, (0, width - len(t))) for t in batch])


data = Sentences()
loader = DataLoader(data, batch_size=2, num_workers=0, collate_fn=lambda batch: pad(batch))
shapes = []
for batch in loader:
    shapes.append(tuple(batch.shape))
    print(batch.tolist())

lengths = [len(s.split()) for s in data.items]
vocab_size = len(data.vocab)
print("vocabulary:", vocab_size, "words")
print("batches:", len(shapes))
print("longest sentence:", max(lengths), "words")
print("RESULT=" + str(shapes))
