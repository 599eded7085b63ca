# family: callable
# hazard: lambda-worker-init-fn-in-dataloader
# line: 48 l27kit/loaders.py:18
# files: l27kit/__init__.py l27kit/toydata.py l27kit/loaders.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# timeout: 60
# note: https://github.com/catalyst-team/catalyst/issues/1024 -- "Can't use multiple workers for DataLoader": with num_workers > 0 in the config API the run fails with "Can't pickle local object 'get_loaders_from_params.<locals>.<lambda>'"; catalyst's get_loaders_from_params sets worker_init_fn = lambda x: set_global_seed(initial_seed + x), which a forked worker never pickles but a spawned or forkserver worker must
"""Train a small regression model from a config file's loader section, one epoch per stage."""
import argparse
import json
from dataclasses import dataclass

import torch

from l27kit.loaders import get_loaders_from_params
from l27kit.toydata import ToyRegression, set_global_seed

CONFIG = {"loaders": {"batch_size": 8, "num_workers": 2}, "stages": {"warmup": {"lr": 0.05}, "main": {"lr": 0.1}},
          "seed": 42}


@dataclass
class StageResult:
    name: str
    batches: int
    loss: float


class ConfigExperiment:
    def __init__(self, config):
        self.config = config
        set_global_seed(config["seed"])
        self.model = torch.nn.Linear(4, 1)

    def get_datasets(self):
        return {"train": ToyRegression(count=32, seed=1), "valid": ToyRegression(count=16, seed=2)}

    def get_loaders(self):
        params = self.config["loaders"]
        return get_loaders_from_params(self.get_datasets(), batch_size=params["batch_size"],
                                       num_workers=params["num_workers"], initial_seed=self.config["seed"])

    def run_stage(self, name, lr):
        loaders = self.get_loaders()
        optimizer = torch.optim.SGD(self.model.parameters(), lr=lr)
        batches = 0
        total = 0.0
        for x, y in loaders["train"]:
            optimizer.zero_grad()
            loss = torch.nn.functional.mse_loss(self.model(x), y)
            loss.backward()
            optimizer.step()
            batches += 1
            total += float(loss)
        return StageResult(name, batches, round(total / batches, 4))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", help="JSON config (default: the built-in one)")
    args = parser.parse_args()
    config = json.load(open(args.config)) if args.config else CONFIG
    experiment = ConfigExperiment(config)
    results = [experiment.run_stage(name, stage["lr"]) for name, stage in config["stages"].items()]
    for result in results:
        print(f"stage {result.name}: {result.batches} batches")
    print(f"RESULT={sum(r.batches for r in results)}")


if __name__ == "__main__":
    main()
