# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/pytest-dev/pytest/issues/5429 -- the working variant: the test maps a module-level function (with the scale factor in each item) instead of a lambda, so the Pool can pickle it; pytest imports the test module by name from the rootdir it puts on sys.path, so spawned workers find the function too
"""Tests for the tile scaler's parallel path."""
import os
import sys
from multiprocessing import Pool

import pytest


class TileScaler:
    def __init__(self, factor):
        self.factor = factor

    def scale(self, tile):
        return [v * self.factor for v in tile]


def scale_tile(job):
    factor, tile = job
    return TileScaler(factor).scale(tile)


@pytest.fixture
def tiles():
    return [[1, 2], [3, 4], [5, 6], [7, 8]]


class TestParallelScale:
    def test_serial(self, tiles):
        scaler = TileScaler(2)
        assert [scaler.scale(t) for t in tiles][0] == [2, 4]

    def test_pool(self, tiles):
        with Pool(2) as pool:
            scaled = pool.map(scale_tile, [(2, t) for t in tiles])
        assert scaled[-1] == [14, 16]


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    sys.exit(pytest.main([os.path.abspath(__file__), "-q", "-p", "no:cacheprovider", "-p", "no:asyncio", "--tb=native", "--noconftest",
                          "--rootdir", here, "-c", os.devnull]))
