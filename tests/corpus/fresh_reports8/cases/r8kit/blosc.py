"""A codec module that makes its process-wide mutex at import (numcodecs.blosc before the fix)."""
import multiprocessing
import zlib

mutex = multiprocessing.Lock()


def compress(buf, level=5):
    with mutex:
        return zlib.compress(buf, level)


def decompress(buf):
    with mutex:
        return zlib.decompress(buf)
