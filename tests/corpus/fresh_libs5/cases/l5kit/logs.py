"""Loggers configured in one place and handed to workers."""
import logging
import os
import tempfile

import structlog


def file_structlog(name):
    path = os.path.join(tempfile.gettempdir(), name + ".log")
    structlog.configure(logger_factory=structlog.WriteLoggerFactory(file=open(path, "a")),
                        cache_logger_on_first_use=False)
    return structlog.get_logger(name)


class FalLogger:
    """dbt-fal's logger wrapper before the fix: a Logger made directly, not by getLogger."""

    def __init__(self, level=logging.INFO):
        self._logger = logging.Logger("fal", level)
        self._logger.addHandler(logging.NullHandler())

    def info(self, message):
        self._logger.info(message)


class PicklableFalLogger(FalLogger):
    """The fix from the PR: pickle the name and make the Logger again."""

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_logger"] = state["_logger"].name
        return state

    def __setstate__(self, state):
        state["_logger"] = logging.Logger(state["_logger"], logging.INFO)
        self.__dict__.update(state)
