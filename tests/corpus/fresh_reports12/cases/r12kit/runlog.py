"""A run log shared by the parent and its workers: one 'started' line per run."""
import os
import tempfile


class RunLog:
    ENV = "R12_RUN_LOG"

    def __init__(self, path):
        self.path = path

    @classmethod
    def start(cls):
        path = os.environ.setdefault(cls.ENV, os.path.join(tempfile.gettempdir(), f"r12-runlog-{os.getpid()}.txt"))
        log = cls(path)
        log.write(f"started {os.getpid()}")
        return log

    @classmethod
    def current(cls):
        return cls(os.environ[cls.ENV])

    def write(self, line):
        with open(self.path, "a") as fh:
            fh.write(line + "\n")

    def starts(self):
        with open(self.path) as fh:
            return sum(1 for line in fh if line.startswith("started"))

    def remove(self):
        os.unlink(self.path)
