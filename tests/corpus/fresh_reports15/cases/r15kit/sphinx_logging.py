"""Logging helpers after sphinx.util.logging: a 'sphinx.' logger namespace and a
context that holds records back so a worker can ship them to the parent."""
import logging
from contextlib import contextmanager

NAMESPACE = "sphinx"


def getLogger(name):
    return logging.getLogger(f"{NAMESPACE}.{name}")


class MemoryHandler(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.buffer = []

    def emit(self, record):
        self.buffer.append((record.levelno, record.getMessage()))


@contextmanager
def pending_logging():
    root = logging.getLogger(NAMESPACE)
    saved_handlers, saved_level, saved_propagate = root.handlers[:], root.level, root.propagate
    memhandler = MemoryHandler()
    root.handlers = [memhandler]
    root.setLevel(logging.DEBUG)
    root.propagate = False
    try:
        yield memhandler
    finally:
        root.handlers, root.level, root.propagate = saved_handlers, saved_level, saved_propagate


def replay(records):
    root = logging.getLogger(NAMESPACE)
    for levelno, message in records:
        root.log(levelno, message)


class CollectingHandler(logging.Handler):
    """Test helper: the messages that reached the parent's 'sphinx' logger."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())
