# family: daemon
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss for https://github.com/AllenInstitute/asap-modules/pull/125: the fix gives the inner per-z operations a ThreadPool-based WithPool, so the daemonic outer pool workers start no child processes.
import sys
from functools import partial
from multiprocessing import Pool
from multiprocessing.pool import ThreadPool


class WithMultiprocessingPool(object):
    def __init__(self, pool_size):
        self.pool_size = pool_size
        self.pool = None

    def __enter__(self):
        self.pool = Pool(self.pool_size)
        return self.pool

    def __exit__(self, *exc):
        self.pool.close()
        self.pool.join()


class WithThreadPool(WithMultiprocessingPool):
    def __enter__(self):
        self.pool = ThreadPool(self.pool_size)
        return self.pool


def render_tile(tile, level):
    return tile * (2 ** level)


def downsample_z(z, levels=2, pool_size=1):
    tiles = [z * 10 + i for i in range(3)]
    with WithThreadPool(pool_size) as pool:
        rendered = pool.map(partial(render_tile, level=levels), tiles)
    return sum(rendered)


def create_mipmaps(zs, pool_size=2):
    with WithMultiprocessingPool(pool_size) as pool:
        return pool.map(partial(downsample_z, levels=2, pool_size=1), zs)


if __name__ == "__main__":
    out = create_mipmaps([1, 2, 3])
    print("RESULT=%d" % len(out))
    sys.exit(0 if len(out) == 3 else 3)
