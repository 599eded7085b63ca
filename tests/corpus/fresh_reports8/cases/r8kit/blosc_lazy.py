"""The codec module after numcodecs' fix: the mutex is made the first time it is needed."""
import multiprocessing
import zlib

_mutex = None


def _get_mutex():
    global _mutex
    if _mutex is None:
        _mutex = multiprocessing.Lock()
    return _mutex


def compress(buf, level=5):
    with _get_mutex():
        return zlib.compress(buf, level)


def decompress(buf):
    with _get_mutex():
        return zlib.decompress(buf)
