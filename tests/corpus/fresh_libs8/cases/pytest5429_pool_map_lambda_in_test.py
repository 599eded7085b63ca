# family: callable
# hazard: unpicklable-callable
# line: 35
# expect: fork=exit_1 spawn=exit_1 forkserver=exit_1
# note: https://github.com/pytest-dev/pytest/issues/5429 -- "test hangs when using multiprocessing.Pool": the test maps a lambda over a Pool, which cannot pickle it (the maintainer's run shows the pickling error, the reporter saw a hang); this program is a pytest module whose test class checks a parallel image-tile scaler by mapping a lambda, run through pytest.main
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


@pytest.fixture
def tiles():
    return [[1, 2], [3, 4], [5, 6], [7, 8]]


class TestParallelScale:
    def test_serial(self, tiles):
        scaler = TileScaler(2)
        assert [scaler.scale(t) for t in tiles][0] == [2, 4]

    def test_pool(self, tiles):
        scaler = TileScaler(2)
        with Pool(2) as pool:
            scaled = pool.map(lambda t: scaler.scale(t), tiles)
        assert scaled[-1] == [14, 16]


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    sys.exit(pytest.main([os.path.abspath(__file__), "-q", "-p", "no:cacheprovider", "-p", "no:asyncio", "--tb=native", "--noconftest",
                          "--rootdir", here, "-c", os.devnull]))
