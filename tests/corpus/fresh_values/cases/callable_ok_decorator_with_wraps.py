# family: callable
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: The usual fix in the decorator threads after https://github.com/luinardi/hypermapper/pull/57: functools.wraps gives the wrapper the qualified name `score`, and the module attribute `score` is that very wrapper, so pickle finds it by name.
"""Score candidate configurations on a pool and log how long each took."""
import multiprocessing
import functools
import time

TIMINGS = {}


def timed(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            TIMINGS[func.__name__] = time.perf_counter() - start

    return wrapper


@timed
def score(config):
    depth, width = config
    return depth * 10 + width


def search(configs, processes=2):
    with multiprocessing.Pool(processes) as pool:
        return dict(zip(configs, pool.map(score, configs)))


def main():
    configs = [(d, w) for d in (1, 2, 3) for w in (4, 8)]
    best = max(search(configs).items(), key=lambda kv: kv[1])
    print("best", best)


if __name__ == "__main__":
    main()
