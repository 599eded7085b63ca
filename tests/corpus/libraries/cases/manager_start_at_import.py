# family: managers
# hazard: process-started-at-import
# line: 27
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 15
# note: A custom manager started at module level (a shared registry for a small app); the server process re-imports the module and starts another manager during bootstrap. Modelled on https://github.com/qiyeboy/SpiderBook/issues/60 (taskManager.py started at import on Windows).
from multiprocessing.managers import BaseManager


class Registry:
    def __init__(self):
        self.items = {}

    def put(self, key, value):
        self.items[key] = value

    def size(self):
        return len(self.items)


class RegistryManager(BaseManager):
    pass


RegistryManager.register("Registry", Registry)
manager = RegistryManager()
manager.start()
registry = manager.Registry()
registry.put("a", 1)
print("RESULT=" + str(registry.size()))
manager.shutdown()
