# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 20
# note: https://github.com/vllm-project/vllm/pull/9233 -- the fix the PR settled on ("loading the plugin for each process"): load_general_plugins() registers the out-of-tree model, and it runs both in main() and as the pool's initializer, so every worker has the registration
"""Collect model support information for every registered architecture, one process per model."""
import argparse
import multiprocessing
from dataclasses import dataclass, field
from functools import partial

from opskit import registry


class ScaledModel:
    """An out-of-tree architecture shipped with this launcher."""

    def __init__(self, scale=3.0):
        self.scale = scale

    def forward(self, x):
        return self.scale * x + 1


@dataclass
class EngineArgs:
    architectures: list = field(default_factory=lambda: ["linear", "scaled"])
    probe_input: float = 2.0
    workers: int = 2


def inspect_model(arch, probe_input):
    """Runs in a fresh process per model so a broken model cannot take the engine down."""
    model_cls = registry.resolve(arch)
    model = model_cls()
    return arch, model.forward(probe_input), hasattr(model, "scale")


def load_general_plugins():
    if "scaled" not in registry.registered():
        registry.register("scaled", ScaledModel)


class ModelInfoCollector:
    def __init__(self, engine_args):
        self.engine_args = engine_args
        self.info = {}

    def collect(self):
        probe = partial(inspect_model, probe_input=self.engine_args.probe_input)
        with multiprocessing.Pool(self.engine_args.workers,
                                  initializer=load_general_plugins) as pool:
            for arch, output, scaled in pool.map(probe, self.engine_args.architectures):
                self.info[arch] = (output, scaled)
        return self.info


def parse_args(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--probe-input", type=float, default=2.0)
    ns = parser.parse_args(argv)
    return EngineArgs(probe_input=ns.probe_input)


def main():
    engine_args = parse_args([])
    load_general_plugins()
    info = ModelInfoCollector(engine_args).collect()
    print("RESULT=" + ",".join(f"{k}:{v[0]}" for k, v in sorted(info.items())))
    return 0 if info == {"linear": (2.0, True), "scaled": (7.0, True)} else 3


if __name__ == "__main__":
    raise SystemExit(main())
