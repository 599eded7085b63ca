# family: object
# hazard: unpicklable-callable
# line: 17 22
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/uqfoundation/multiprocess/issues/19 (pkg/lib/workers.py: class Test stores f and maps self.f over the data; Test(max) works, Test(lambda x: max(x)) does not): the mapped function is an attribute set from the constructor argument in another function.
"""Reduce rows of numbers with a configurable reducer on a pool."""
import multiprocessing


class RowReducer:
    def __init__(self, f, processes=2):
        self.f = f
        self.processes = processes

    def method(self, data):
        with multiprocessing.Pool(self.processes) as pool:
            return pool.map(self.f, data)


def build_reducer(kind):
    if kind == "max":
        return RowReducer(lambda row: max(row))
    return RowReducer(lambda row: sum(row) / len(row))


def main():
    data = [[1, 2, 3], [4, 5, 6], [9, 1, 1]]
    reducer = build_reducer("max")
    print(reducer.method(data))


if __name__ == "__main__":
    main()
