"""catalyst's get_loaders_from_params before the fix: the default worker_init_fn is a lambda over the seed."""
from torch.utils.data import DataLoader

from .toydata import set_global_seed


def get_loaders_from_params(datasets, batch_size=8, num_workers=0, initial_seed=42, shuffle=False):
    loaders = {}
    for name, dataset in datasets.items():
        loader_params = {
            "dataset": dataset,
            "batch_size": batch_size,
            "num_workers": num_workers,
            "shuffle": shuffle and name.startswith("train"),
        }
        if "worker_init_fn" not in loader_params:
            loader_params["worker_init_fn"] = lambda x: set_global_seed(initial_seed + x)
        loaders[name] = DataLoader(**loader_params)
    return loaders
