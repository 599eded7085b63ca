"""Process start-up for etlkit tools."""
import multiprocessing


def init_runtime(method="spawn"):
    """Make every tool behave the same on Linux, macOS and Windows."""
    multiprocessing.set_start_method(method)


def init_runtime_once(method="spawn"):
    """Like init_runtime, but leaves an already chosen start method alone."""
    if multiprocessing.get_start_method(allow_none=True) is None:
        multiprocessing.set_start_method(method)
