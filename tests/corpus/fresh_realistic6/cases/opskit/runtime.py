"""Process-wide runtime setup shared by the project's entry points."""
import logging
import multiprocessing
import os


def configure_runtime(start_method="spawn", log_level="WARNING"):
    logging.basicConfig(level=getattr(logging, log_level))
    os.environ.setdefault("OPSKIT_RUNTIME", "1")
    multiprocessing.set_start_method(start_method)
    return start_method
