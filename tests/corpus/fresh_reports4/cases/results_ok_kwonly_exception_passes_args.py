# family: results
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/python/cpython/issues/120810: the fix suggested in the thread, Foo passes its fields on to Exception.__init__, so its args rebuild it when it is unpickled in the parent.

from concurrent.futures import ProcessPoolExecutor


class Foo(Exception):
    foo: int
    bar: str

    def __init__(self, foo, bar):
        super().__init__(foo, bar)
        self.foo = foo
        self.bar = bar


def work(x: str):
    return Foo(foo=42, bar=x)


if __name__ == "__main__":
    with ProcessPoolExecutor(2) as pool:
        res = list(pool.map(work, ["a", "b", "c"]))
    print("RESULT=%s" % [r.bar for r in res])
