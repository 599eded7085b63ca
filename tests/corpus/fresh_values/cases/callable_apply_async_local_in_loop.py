# family: callable
# hazard: unpicklable-callable
# line: 22
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/python/cpython/issues/96464 ("multiprocessing pool apply_async failure due to unable to pickle local dynamically created function"): a function defined inside a loop of a helper is submitted with apply_async and an error_callback; the pool pickles every task, so it fails under every start method.
"""Render one greeting per shard on a pool and collect failures through an error callback."""
import multiprocessing

errors = []


def error_callback(exc):
    errors.append(exc)


def schedule(pool, shards):
    pending = []
    for i in shards:
        def hello(j):
            return f"hello {i} {j}"

        pending.append(pool.apply_async(hello, (i + 1,), error_callback=error_callback))
    return pending


def main():
    with multiprocessing.Pool(2) as pool:
        pending = schedule(pool, range(4))
        pool.close()
        pool.join()
    if errors:
        raise errors[0]
    print([p.get() for p in pending])


if __name__ == "__main__":
    main()
