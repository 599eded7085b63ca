import os
import tempfile


def sink_path(name):
    return os.path.join(tempfile.gettempdir(), f"{name}.out")


def open_sink(name):
    return open(sink_path(name), "a")
