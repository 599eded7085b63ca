# family: results
# hazard: unpicklable-return
# line: 28
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: Reduced from https://github.com/python/cpython/issues/120810 ("Unpickling Exceptions with keyword arguments in multiprocessing throws an error": a ProcessPoolExecutor.map task returns Foo(foo=42, bar=x), an Exception subclass whose __init__ takes keyword-only-used arguments and never calls super().__init__; the parent fails to unpickle the result). Kept: the exception class with annotated fields, work() returning (not raising) it, list(pool.map(...)); the returned object is used as a structured validation outcome.
"""Validate records in worker processes; each returns an outcome object."""
import multiprocessing as mp
import sys
from concurrent.futures import ProcessPoolExecutor


class Foo(Exception):
    foo: int
    bar: str

    def __init__(self, foo, bar):
        self.foo = foo
        self.bar = bar


def work(x: str):
    print(mp.current_process().name)
    return Foo(foo=42, bar=x)


def main():
    with ProcessPoolExecutor(max_workers=2) as pool:
        res = list(pool.map(work, ["a", "b", "c"]))
    print("RESULT=%s" % [r.bar for r in res])
    return 0


if __name__ == "__main__":
    sys.exit(main())
