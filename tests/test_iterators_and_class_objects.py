"""Two common shapes of refused task arguments (observed under fork and spawn: pool and executor tasks are pickled
under every start method):
* `pool.starmap(work, zip(items, repeat(lock)))`: zip, enumerate and itertools.repeat/product give tuples of
  what their iterables give, so the lock reaches starmap's arguments (TypeError: cannot pickle '_thread.lock');
* `ex.submit(count, Store.conn)` with `conn = sqlite3.connect(...)` in the class body: the class attribute is the
  connection. A class attribute is not part of an instance's pickled state, so a bound method of such a class is
  fine (near miss, runs under every method)."""
import textwrap

import pytest

from mpguard.linter.analyze import analyze


def codes(source: str) -> list:
    return [f.code for f in analyze(textwrap.dedent(source), "case.py").findings]


STARMAP = """
import threading
from itertools import repeat, product
from multiprocessing import Pool, Manager


def work(item, lock):
    return item


def main():
    lock = LOCK
    items = ["a", "b"]
    with Pool(2) as pool:
        return pool.starmap(work, ITERABLE)


if __name__ == "__main__":
    main()
"""


@pytest.mark.parametrize("iterable", ["zip(items, repeat(lock))", "product(items, [lock])",
                                      "[(i, l) for i, l in zip(items, repeat(lock))]",
                                      "[(x, lock) for _, x in enumerate(items)]"])
def test_a_thread_lock_zipped_into_starmap(iterable):
    assert codes(STARMAP.replace("LOCK", "threading.Lock()").replace("ITERABLE", iterable)) == ["MP203"]


@pytest.mark.parametrize("lock", ["Manager().Lock()", "None"])
def test_a_proxy_or_nothing_zipped_is_fine(lock):
    assert codes(STARMAP.replace("LOCK", lock).replace("ITERABLE", "zip(items, repeat(lock))")) == []


CLASS_HELD = """
import sqlite3
import threading
from concurrent.futures import ProcessPoolExecutor


class Store:
    conn = sqlite3.connect(":memory:")
    lock = threading.Lock()

    def count(self, table):
        with self.lock:
            return table


def count(conn, table):
    return table


def main():
    with ProcessPoolExecutor(2) as ex:
        return CALL


if __name__ == "__main__":
    main()
"""


def test_a_class_attribute_connection_handed_to_a_task():
    assert codes(CLASS_HELD.replace("CALL", 'ex.submit(count, Store.conn, "a").result()')) == ["MP203"]


def test_a_bound_method_of_a_class_holding_a_lock_as_class_attribute_is_fine():
    assert codes(CLASS_HELD.replace("CALL", 'ex.submit(Store().count, "a").result()')) == []


def test_a_partial_holding_a_lock_names_the_partial():
    """`partial(work, lock=threading.Lock())` as a task: pickled with its arguments (observed: TypeError under fork
    and spawn); the message says what the task is, not that the lock is the task."""
    source = textwrap.dedent("""
        import threading
        from functools import partial
        from multiprocessing import Pool


        def work(x, lock=None):
            return x


        if __name__ == "__main__":
            with Pool(2) as pool:
                print(pool.map(partial(work, lock=threading.Lock()), [1, 2]))
    """)
    [finding] = analyze(source, "case.py").findings
    assert finding.code == "MP201"
    assert "task is functools.partial of work() holding a threading lock, which pickle refuses" in finding.message
