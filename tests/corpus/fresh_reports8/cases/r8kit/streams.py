"""A small stream wrapper in the style of pyxtension's stream(): map, mpmap, countByValue, reduce."""
import collections
import functools
import multiprocessing


class stream:
    def __init__(self, iterable):
        self._items = list(iterable)

    def __iter__(self):
        return iter(self._items)

    def map(self, f):
        return stream(f(x) for x in self._items)

    def mpmap(self, f, processes=2, chunksize=1):
        with multiprocessing.Pool(processes) as pool:
            return stream(pool.imap(f, self._items, chunksize))

    def countByValue(self):
        return collections.Counter(self._items)

    def reduce(self, f, initial):
        return functools.reduce(f, self._items, initial)
