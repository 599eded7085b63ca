"""A downstream project's test harness: it fixes the multiprocessing start method before any test runs."""
import multiprocessing
import os


def configure():
    # the harness wants the same start method on every platform
    multiprocessing.set_start_method(os.environ.get("HARNESS_START_METHOD", "spawn"))
