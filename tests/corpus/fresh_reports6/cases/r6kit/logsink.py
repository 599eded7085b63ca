"""A loguru-like logger whose sinks may hold open files."""
import datetime


class FileSink:
    def __init__(self, path):
        self.path = path
        self.stream = open(path, "a", encoding="utf-8")

    def write(self, message):
        self.stream.write(message)
        self.stream.flush()


class PathSink:
    """Keeps only the path; opens the file for each message."""

    def __init__(self, path):
        self.path = path

    def write(self, message):
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(message)


class Logger:
    def __init__(self):
        self.sinks = []
        self.extra = {}

    def add(self, sink):
        self.sinks.append(sink)
        return len(self.sinks) - 1

    def info(self, text):
        stamp = datetime.datetime.now().strftime("%H:%M:%S")
        for sink in self.sinks:
            sink.write(f"{stamp} INFO {text}\n")


def make_logger(path, save_type="local"):
    logger = Logger()
    if save_type == "local":
        logger.add(FileSink(path))
    return logger


def make_path_logger(path):
    logger = Logger()
    logger.add(PathSink(path))
    return logger
