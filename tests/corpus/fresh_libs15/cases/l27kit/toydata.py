"""A small synthetic regression dataset and a seeding helper, as catalyst's examples use."""
import random

import numpy as np
import torch
from torch.utils.data import Dataset


def set_global_seed(seed):
    random.seed(seed)
    np.random.seed(seed % (2 ** 32))
    torch.manual_seed(seed)


class ToyRegression(Dataset):
    def __init__(self, count=32, features=4, seed=0):
        gen = torch.Generator().manual_seed(seed)
        self.x = torch.randn(count, features, generator=gen)
        self.y = self.x.sum(dim=1, keepdim=True)

    def __len__(self):
        return len(self.x)

    def __getitem__(self, idx):
        return self.x[idx], self.y[idx]
