"""A parallel map with a progress counter, in the shape of optview2's optpmap.py."""
import multiprocessing
import sys

_current = None
_total = None


def _init(current, total):
    global _current, _total
    _current = current
    _total = total


def parallel_map(func, iterable, num_jobs, exclude_names=None, exclude_text=None):
    """Apply func to every item; the filters are bound by a nested wrapper."""
    current = multiprocessing.Value("i", 0)
    total = multiprocessing.Value("i", len(iterable))

    def _wrapped_func(arg):
        with _current.get_lock():
            _current.value += 1
        sys.stderr.write(f"\r\t{_current.value} of {_total.value}")
        return func(arg, exclude_names, exclude_text)

    with multiprocessing.Pool(num_jobs, initializer=_init, initargs=(current, total)) as pool:
        result = pool.map(_wrapped_func, iterable)
    sys.stderr.write("\n")
    return result
