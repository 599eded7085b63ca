# family: state
# hazard: global-not-inherited
# line: 38 39 28
# files: r12kit/lattice.py
# expect: fork=ok spawn=error:AttributeError forkserver=error:AttributeError
# note: https://github.com/atcollab/at/pull/347 -- patpass put the ring in a module global for its pool workers only when platform.startswith("linux"), assuming Linux means fork; "Only fork allows inheriting global variables, independent of platform": with another start method on Linux the workers read the global unset
import multiprocessing
import sys
from functools import partial

from r12kit.lattice import build_ring

_globring = None


def _atpass_one(ring, turns, rin):
    if ring is None:
        ring = _globring
    x = rin
    for _ in range(turns):
        x = ring.track(x)
    return round(x, 6)


def _pass(ring, r_in, nturns, pool_size):
    pool = multiprocessing.Pool(pool_size)
    try:
        return pool.map(partial(_atpass_one, ring, nturns), r_in)
    finally:
        pool.close()
        pool.join()


def patpass(ring, r_in, nturns=1, pool_size=2, globvar=True):
    """Track every particle of r_in through the ring in a process pool."""
    global _globring
    if globvar and sys.platform.startswith("linux"):
        _globring = ring
        rout = _pass(None, r_in, nturns, pool_size)
        _globring = None
    else:
        rout = _pass(ring, r_in, nturns, pool_size)
    return rout


def main():
    ring = build_ring()
    particles = [0.0, 0.1, 0.2, 0.3]
    rout = patpass(ring, particles, nturns=3)
    expected = [_atpass_one(ring, 3, x) for x in particles]
    print(f"RESULT={rout == expected}")
    return 0 if rout == expected else 3


if __name__ == "__main__":
    sys.exit(main())
