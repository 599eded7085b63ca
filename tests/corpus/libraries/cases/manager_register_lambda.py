# family: managers
# hazard: unpicklable-callable
# line: 22
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: A BaseManager subclass registers a lambda factory; start() hands the registry to the server process, which pickle refuses under spawn. Modelled on https://github.com/lanjelot/patator/issues/5 (manager.start with a lambda on Windows) and https://github.com/python/cpython/issues/91027.
from multiprocessing.managers import BaseManager


class Counter:
    def __init__(self):
        self.n = 0

    def bump(self):
        self.n += 1
        return self.n


class CounterManager(BaseManager):
    pass


CounterManager.register("Counter", lambda: Counter())

if __name__ == "__main__":
    manager = CounterManager()
    manager.start()
    counter = manager.Counter()
    counter.bump()
    print("RESULT=" + str(counter.bump()))
    manager.shutdown()
