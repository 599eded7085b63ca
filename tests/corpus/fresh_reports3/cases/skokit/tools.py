"""Stand-in for scikit-opt's tools: chooses the start method when imported."""
import multiprocessing
import sys

if sys.platform != "win32":
    multiprocessing.set_start_method("fork")


def set_run_mode(func, mode):
    func.mode = mode
    return func
