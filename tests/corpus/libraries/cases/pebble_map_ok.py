# family: pebble
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: False friend: pebble's map with a module-level function and a timeout, guarded; the shape of the pebble documentation's example. Modelled on https://pebble.readthedocs.io (Pools: map with timeout).
from concurrent.futures import TimeoutError

from pebble import ProcessPool


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


if __name__ == "__main__":
    with ProcessPool(max_workers=2) as pool:
        future = pool.map(fib, range(10), timeout=10)
        try:
            print("RESULT=" + str(list(future.result())))
        except TimeoutError:
            print("RESULT=timeout")
