# family: callable
# hazard: unpicklable-callable
# line: 28
# files: r9kit/typedeco.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/dobarkod/typedecorator/issues/3 -- calling a function decorated with @returns/@params through Pool.apply_async fails with a PicklingError in the pool's task handler: the decorators return nested wrapper functions, so the module attribute is a wrapper pickle cannot find by name
import sys
from multiprocessing import Pool

from r9kit.typedeco import params, returns


@returns(int)
@params(a=int, b=int)
def f(a, b):
    return a + b


@returns(int)
@params(values=list)
def total(values):
    return sum(values)


def main():
    pool = Pool(processes=2)
    try:
        pending = [pool.apply_async(f, [1, 2]), pool.apply_async(total, [[3, 4, 5]])]
        results = [r.get(timeout=10) for r in pending]
    finally:
        pool.close()
        pool.join()
    return results


if __name__ == "__main__":
    results = main()
    print(f"RESULT={results}")
    sys.exit(0 if results == [3, 12] else 3)
