# family: results
# hazard: unpicklable-return
# line: 20
# expect: fork=broken_process_pool spawn=broken_process_pool forkserver=broken_process_pool
# note: Shape of https://github.com/python/cpython/issues/120810 ("Unpickling Exceptions with keyword arguments in multiprocessing throws an error"): a ProcessPoolExecutor.map task returns an exception built with keyword arguments only; its args are empty, so unpickling it in the parent fails and the executor breaks.

from concurrent.futures import ProcessPoolExecutor


class Foo(Exception):
    foo: int
    bar: str

    def __init__(self, foo, bar):
        self.foo = foo
        self.bar = bar


def work(x: str):
    return Foo(foo=42, bar=x)


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as pool:
        res = list(pool.map(work, ["a", "b", "c"]))
    print("RESULT=%s" % [r.bar for r in res])
