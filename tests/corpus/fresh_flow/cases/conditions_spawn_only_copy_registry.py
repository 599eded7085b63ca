# family: conditions
# hazard: parent-state-not-inherited
# line: 31
# expect: fork=ok spawn=ok forkserver=wrong_result
# note: Modelled on https://github.com/cs50/check50/pull/396 (state copied into the child only when get_start_method() == "spawn", so forkserver children, which also start from a fresh import, miss it; the fix tests `!= "fork"`). Here a plugin registry filled at run time is handed to workers only under spawn.
"""Run every registered plugin over some inputs in worker processes."""
import multiprocessing
import sys

PLUGINS = {}


def register(name, factor):
    PLUGINS[name] = factor


def init_worker(registry):
    if registry is not None:
        PLUGINS.update(registry)


def apply_plugins(value):
    return sum(value * factor for factor in PLUGINS.values())


class PluginRunner:
    def __init__(self, workers=2):
        self.workers = workers

    def _registry_for_children(self):
        if multiprocessing.get_start_method() == "spawn":
            return dict(PLUGINS)
        return None

    def run(self, values):
        with multiprocessing.Pool(self.workers, initializer=init_worker,
                                  initargs=(self._registry_for_children(),)) as pool:
            return pool.map(apply_plugins, values)


def main():
    register("double", 2)
    register("triple", 3)
    out = PluginRunner().run([1, 2, 3, 4])
    print("RESULT=%s" % out)
    return 0 if out == [5, 10, 15, 20] else 3


if __name__ == "__main__":
    sys.exit(main())
