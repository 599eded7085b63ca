"""Parallel helpers used by several etlkit tools."""
import functools
import multiprocessing


def run_parallel(func, items, workers=2):
    """Map func over items with a process pool; returns the list of results."""
    with multiprocessing.Pool(workers) as pool:
        return pool.map(func, items)


def scale(value, factor):
    return value * factor


def make_transform(factor):
    """Build the per-record transform for one dataset."""
    def transform(value):
        return value * factor
    return transform


def logged(func):
    """Log every call (quick version, used by the older tools)."""
    def wrapper(*args, **kwargs):
        result = func(*args, **kwargs)
        return result
    return wrapper


def timed(func):
    """Time every call; keeps the wrapped function's name."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        result = func(*args, **kwargs)
        return result
    return wrapper
