"""`with WithPool(n) as pool:` of a class of the program whose `__enter__` makes a Pool and returns it (not
itself): the `with` calls `__enter__` there, and the target is what it returns. fresh_reports4
daemon_asap_nested_withpool_downsample (asap-modules #125, "Poolfix downsample": the per-z task of one WithPool
opens another WithPool in the daemonic worker), observed daemon_children under fork, spawn and forkserver."""
import textwrap

import pytest

from mpguard.linter.analyze import analyze

PROGRAM = """
from functools import partial
from multiprocessing import Pool
from multiprocessing.pool import ThreadPool


class WithPool:
    def __init__(self, size):
        self.size = size
        self.pool = None

    def __enter__(self):
        self.pool = {inner}(self.size)
        return self.pool

    def __exit__(self, *exc):
        self.pool.close()
        self.pool.join()


def render(tile, level):
    return tile * level


def downsample(z, levels=2):
    with WithPool(1) as pool:
        return sum(pool.map(partial(render, level=levels), [z, z + 1]))


def mipmaps(zs):
    {outer}


if __name__ == "__main__":
    print(mipmaps([1, 2, 3]))
"""

NESTED = "with WithPool(2) as pool:\n        return pool.map(downsample, zs)"


def findings(inner: str, outer: str) -> list:
    source = textwrap.dedent(PROGRAM.replace("{inner}", inner).replace("{outer}", outer))
    return [(f.code, f.start.row) for f in analyze(source, "case.py").findings]


def test_a_pool_made_by_enter_inside_a_pool_worker():
    assert findings("Pool", NESTED) == [("MP413", 13)]


@pytest.mark.parametrize("inner, outer", [
    ("ThreadPool", NESTED),  # threads in the worker: allowed
    ("Pool", "return [downsample(z) for z in zs]"),  # no outer pool: the parent opens each pool
])
def test_near_misses(inner, outer):
    assert findings(inner, outer) == []


def test_the_target_is_what_enter_returns():
    """A lambda mapped on the pool `__enter__` returned is sent with pickle (MP201)."""
    source = textwrap.dedent(PROGRAM.replace("{inner}", "Pool").replace(
        "{outer}", "with WithPool(2) as pool:\n        return pool.map(lambda z: z, zs)"))
    assert [f.code for f in analyze(source, "case.py").findings] == ["MP201"]
