# family: globals
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 20
# note: https://github.com/Arelle/Arelle/pull/961 -- the PR's approach: the pool's initializer imports the plugin modules in every worker before any task runs, and the tasks are a module-level trampoline run_hook(plugin, fact) that looks the hook up there
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


_WORKER_MANAGER = None


def init_worker(plugin_dir, plugin_names):
    global _WORKER_MANAGER
    _WORKER_MANAGER = PluginManager(plugin_dir)
    for name in plugin_names:
        _WORKER_MANAGER.load(name)


def run_hook(plugin_name, fact):
    return _WORKER_MANAGER.hook(plugin_name)(fact)


class Validator:
    def __init__(self, manager, plugin_names, workers=2):
        self.manager = manager
        self.hooks = {n: manager.hook(n) for n in plugin_names}
        self.workers = workers

    def run(self, facts):
        problems = []
        names = list(self.hooks)
        with ProcessPoolExecutor(self.workers, initializer=init_worker,
                                 initargs=(self.manager.plugin_dir, names)) as executor:
            for name in names:
                for found in executor.map(run_hook, [name] * len(facts), facts):
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
