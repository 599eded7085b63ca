"""ruffus.proxy_logger-like: one logger living in a manager process, shared by every job through a proxy."""
from multiprocessing.managers import BaseManager


class LoggerSink:
    """The object the manager hosts: keeps every record it is sent."""

    def __init__(self, name):
        self.name = name
        self.records = []

    def info(self, message):
        self.records.append(("INFO", str(message)))

    def error(self, message):
        self.records.append(("ERROR", str(message)))

    def count(self, level=None):
        return sum(1 for lvl, _ in self.records if level is None or lvl == level)


class LoggingManager(BaseManager):
    pass


LoggingManager.register("setup_logger", LoggerSink)


def make_shared_logger_and_proxy(name):
    manager = LoggingManager()
    manager.start()
    return manager.setup_logger(name), manager
