"""A user's helper library that picks its start method when imported (PyBaMM #3997's `thing`)."""
import multiprocessing as mp

mp.set_start_method("spawn")


def hello():
    return "hello, world"
