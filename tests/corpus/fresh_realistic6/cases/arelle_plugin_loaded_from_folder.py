# family: globals
# hazard: parent-state-not-inherited
# line: 49
# expect: fork=ok spawn=broken_process_pool forkserver=broken_process_pool
# timeout: 20
# note: https://github.com/Arelle/Arelle/pull/961 -- plugins are imported dynamically from the plugins folder by the plugin manager, so a pool that uses the spawn context cannot find the plugin module when it unpickles the plugin's validate function (ModuleNotFoundError in the worker, then BrokenProcessPool) ("the plugin modules are dynamically loaded and therefore not available within a newly spawned process")
"""Validate XBRL-like facts with the validation plugins configured for this run."""
import importlib.util
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

PLUGIN_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "plugins")

FACTS = [("Revenue", "USD", 1200.0), ("Revenue", "EUR", 90.0),
         ("Shares", "shares", 10.0), ("Shares", "shares", -4.0)]


@dataclass
class PluginManager:
    plugin_dir: str
    modules: dict = field(default_factory=dict)

    def load(self, name):
        path = os.path.join(self.plugin_dir, name + ".py")
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        self.modules[name] = module
        return module

    def hook(self, name):
        module = self.modules[name]
        return getattr(module, module.PLUGIN_INFO["validate"])


class Validator:
    def __init__(self, manager, plugin_names, workers=2):
        self.manager = manager
        self.hooks = {n: manager.hook(n) for n in plugin_names}
        self.workers = workers

    def run(self, facts):
        problems = []
        with ProcessPoolExecutor(self.workers) as executor:
            for name, hook in self.hooks.items():
                for found in executor.map(hook, facts):  # ANCHOR
                    problems.extend(found)
        return problems


def main(argv):
    manager = PluginManager(PLUGIN_DIR)
    for name in argv or ["xule_rules"]:
        manager.load(name)
    problems = Validator(manager, list(manager.modules)).run(FACTS)
    print(f"RESULT={len(problems)}")
    return 0 if len(problems) == 2 else 3


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
