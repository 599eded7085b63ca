# family: managers
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: False friend: the documented pattern, a module-level class registered and the manager started under the guard. Modelled on https://docs.python.org/3/library/multiprocessing.html#customized-managers.
from multiprocessing.managers import BaseManager


class MathsClass:
    def add(self, x, y):
        return x + y


class MyManager(BaseManager):
    pass


MyManager.register("Maths", MathsClass)

if __name__ == "__main__":
    with MyManager() as manager:
        maths = manager.Maths()
        print("RESULT=" + str(maths.add(4, 3)))
