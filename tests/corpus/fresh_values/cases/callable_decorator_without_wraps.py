# family: callable
# hazard: unpicklable-callable
# line: 32 21
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: Shape of https://github.com/luinardi/hypermapper/pull/57 ("Multiprocessing pickle sometimes fails because of nested methods") and the decorator threads on "Can't pickle local object 'timed.<locals>.wrapper'": a module-level task is wrapped by a timing decorator that returns its inner function without functools.wraps, so the name `score` holds 'timed.<locals>.wrapper'.
"""Score candidate configurations on a pool and log how long each took."""
import multiprocessing
import time

TIMINGS = {}


def timed(func):
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
