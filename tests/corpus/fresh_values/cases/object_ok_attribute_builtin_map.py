# family: object
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The working variant of https://github.com/uqfoundation/multiprocess/issues/19 (Test(max)): the reducer attribute holds the builtin max or a module-level function, both pickled by name.
"""Reduce rows of numbers with a configurable reducer on a pool."""
import multiprocessing


def mean(row):
    return sum(row) / len(row)


class RowReducer:
    def __init__(self, f, processes=2):
        self.f = f
        self.processes = processes

    def method(self, data):
        with multiprocessing.Pool(self.processes) as pool:
            return pool.map(self.f, data)


def build_reducer(kind):
    if kind == "max":
        return RowReducer(max)
    return RowReducer(mean)


def main():
    data = [[1, 2, 3], [4, 5, 6], [9, 1, 1]]
    reducer = build_reducer("max")
    print(reducer.method(data))


if __name__ == "__main__":
    main()
