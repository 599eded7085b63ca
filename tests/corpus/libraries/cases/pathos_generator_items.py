# family: pathos
# hazard: unpicklable-argument
# line: 18
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Each item handed to pathos' map is a generator (lazy line readers); dill refuses generators like pickle does: TypeError: cannot pickle 'generator' object. Modelled on https://github.com/noxdafox/pebble/issues/90 (a coroutine/generator cannot be shipped to a worker) and docs/pickle-catalog.md (generators fail with every serializer).
from pathos.multiprocessing import ProcessPool

CHUNKS = [["1", "2"], ["3", "4", "5"]]


def total(numbers):
    return sum(int(n) for n in numbers)


if __name__ == "__main__":
    readers = [(line for line in chunk) for chunk in CHUNKS]
    pool = ProcessPool(nodes=2)
    print("RESULT=" + str(pool.map(total, readers)))
