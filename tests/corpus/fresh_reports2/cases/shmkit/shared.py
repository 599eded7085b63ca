"""Shared arrays registered by name in this module's globals, looked up by name in the workers."""
import multiprocessing


def make_shared_array(name, size):
    arr = multiprocessing.RawArray("d", size)
    globals()[name] = arr
    return name


def get_shared_array(name):
    return globals()[name]
