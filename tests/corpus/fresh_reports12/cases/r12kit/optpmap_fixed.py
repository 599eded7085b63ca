"""optview2's optpmap.py after PR #28: the wrapper is a module-level function."""
import multiprocessing
import sys

_current = None
_total = None


def _init(current, total):
    global _current, _total
    _current = current
    _total = total


def _wrapped_func(func_and_args):
    func, arg, exclude_names, exclude_text = func_and_args
    with _current.get_lock():
        _current.value += 1
    sys.stderr.write(f"\r\t{_current.value} of {_total.value}")
    return func(arg, exclude_names, exclude_text)


def parallel_map(func, iterable, num_jobs, exclude_names=None, exclude_text=None):
    """The fix: a module-level wrapper receives the function and filters in each task tuple."""
    current = multiprocessing.Value("i", 0)
    total = multiprocessing.Value("i", len(iterable))
    tasks = [(func, arg, exclude_names, exclude_text) for arg in iterable]
    with multiprocessing.Pool(num_jobs, initializer=_init, initargs=(current, total)) as pool:
        result = pool.map(_wrapped_func, tasks)
    sys.stderr.write("\n")
    return result
