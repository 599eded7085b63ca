# family: callable
# hazard: unpicklable-callable
# line: 35
# expect: fork=pickling_error spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 8
# note: Reduced from https://github.com/python/cpython/issues/96464 (Pool.apply_async of a function defined inside a loop inside go(); the pool is a module global and go() is called at module level, with an error_callback that re-raises). The nested `hello` cannot be pickled under any start method; under spawn/forkserver the unguarded module-level Pool fails first while bootstrapping. Kept: module-level pool, loop-local def capturing the loop variable, error_callback; reduced 40 tasks to 4 and print to a results list.
"""Fan greeting jobs out to a pool created when the module is loaded."""
import multiprocessing
import sys

RESULTS = []
ERRORS = []


def error_callback(e):
    ERRORS.append(e)


def collect(value):
    RESULTS.append(value)


def report():
    if ERRORS:
        print("first error:", type(ERRORS[0]).__name__, ERRORS[0], file=sys.stderr)
        raise ERRORS[0]
    print("RESULT=%d" % len(RESULTS))


def go():
    for i in range(4):
        def hello(j):
            return f"hello {i} {j}"

        pool.apply_async(hello, (i + 1,), callback=collect,
                         error_callback=error_callback)

    pool.close()
    pool.join()
    report()


pool = multiprocessing.Pool(2)


go()
