"""BPR-pytorch's data.py and model.py, shrunk: implicit feedback pairs with sampled negatives, and the model."""
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import Dataset


def load_all(user_num=12, item_num=30, per_user=4, seed=7):
    rng = np.random.default_rng(seed)
    train_data = []
    train_mat = {}
    for u in range(user_num):
        for i in rng.choice(item_num, size=per_user, replace=False):
            train_data.append((u, int(i)))
            train_mat[(u, int(i))] = 1.0
    return train_data, user_num, item_num, train_mat


class BPRData(Dataset):
    def __init__(self, features, num_item, train_mat=None, num_ng=1, is_training=True, seed=3):
        self.features = features
        self.num_item = num_item
        self.train_mat = train_mat or {}
        self.num_ng = num_ng
        self.is_training = is_training
        self.rng = np.random.default_rng(seed)
        self.features_fill = []

    def ng_sample(self):
        assert self.is_training, "no need to sample when testing"
        self.features_fill = []
        for u, i in self.features:
            for _ in range(self.num_ng):
                j = int(self.rng.integers(self.num_item))
                while (u, j) in self.train_mat:
                    j = int(self.rng.integers(self.num_item))
                self.features_fill.append([u, i, j])

    def __len__(self):
        return self.num_ng * len(self.features)

    def __getitem__(self, idx):
        user, item_i, item_j = self.features_fill[idx]
        return user, item_i, item_j


class BPR(nn.Module):
    def __init__(self, user_num, item_num, factor_num):
        super().__init__()
        gen = torch.Generator().manual_seed(0)
        self.embed_user = nn.Parameter(torch.randn(user_num, factor_num, generator=gen) * 0.01)
        self.embed_item = nn.Parameter(torch.randn(item_num, factor_num, generator=gen) * 0.01)

    def forward(self, user, item_i, item_j):
        user = self.embed_user[user]
        pred_i = (user * self.embed_item[item_i]).sum(dim=-1)
        pred_j = (user * self.embed_item[item_j]).sum(dim=-1)
        return pred_i, pred_j
