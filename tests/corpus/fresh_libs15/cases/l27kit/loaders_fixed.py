"""catalyst's get_loaders_from_params after the fix: a module-level function bound with functools.partial."""
from functools import partial

from torch.utils.data import DataLoader

from .toydata import set_global_seed


def _worker_init_fn(x, *, initial_seed):
    set_global_seed(initial_seed + x)


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
            loader_params["worker_init_fn"] = partial(_worker_init_fn, initial_seed=initial_seed)
        loaders[name] = DataLoader(**loader_params)
    return loaders
