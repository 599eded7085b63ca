# family: torch
# hazard: unpicklable-callable
# line: 34 38
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# timeout: 90
# note: A training script builds its DataLoader inside train() with `collate_fn=lambda batch: ...` and num_workers=2. Under fork the workers inherit the loader; under spawn or forkserver (Windows, macOS since 3.8, Linux from 3.14) the DataLoader pickles dataset and collate_fn for each worker and the lambda fails: "Can't pickle local object 'train.<locals>.<lambda>'". Shape of https://github.com/HazyResearch/cartridges/issues/20 (`collate_fn=lambda x: x[0], num_workers=1` inside train(), "On Linux the worker is forked and nothing is pickled") and https://github.com/Teoge/DMPR-PS/issues/17.
"""Train a tiny linear model on synthetic data with a DataLoader."""
import torch
from torch.utils.data import DataLoader, Dataset


class Synthetic(Dataset):
    def __init__(self, n=64, seed=0):
        g = torch.Generator().manual_seed(seed)
        self.x = torch.randn(n, 3, generator=g)
        self.y = self.x @ torch.tensor([1.5, -2.0, 0.5]) + 0.1

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return self.x[i], self.y[i]


def train(epochs=2, lr=0.1):
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 1)
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    loader = DataLoader(
        Synthetic(),
        batch_size=16,
        shuffle=True,
        num_workers=2,
        collate_fn=lambda batch: (torch.stack([b[0] for b in batch]), torch.stack([b[1] for b in batch])),
    )
    loss = None
    for _ in range(epochs):
        for xb, yb in loader:
            opt.zero_grad()
            loss = torch.nn.functional.mse_loss(model(xb).squeeze(-1), yb)
            loss.backward()
            opt.step()
    return model, float(loss)


if __name__ == "__main__":
    model, last = train()
    print(f"final loss {last:.4f}")
    print("RESULT=" + str(last < 10))
