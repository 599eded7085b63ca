# family: state
# hazard: none
# line: none
# files: r12kit/lattice.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/atcollab/at/pull/347 -- the change agreed in the thread: test get_start_method() == "fork" instead of the platform, so the ring goes through the global only when the workers are forked and is sent with every task otherwise
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
    if globvar and multiprocessing.get_start_method() == "fork":
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
