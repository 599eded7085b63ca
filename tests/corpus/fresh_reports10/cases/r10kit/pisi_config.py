"""Build configuration in the shape of pisi's Config: values from os.environ plus an open build log."""
import os
import tempfile


class Config:
    def __init__(self, package):
        self.package = package
        self.values = {
            "jobs": os.environ.get("JOBS", "2"),
            "cflags": os.environ.get("CFLAGS", "-O2"),
        }
        fd, self.log_path = tempfile.mkstemp(prefix="ypkg-", suffix=".log")
        self.log = os.fdopen(fd, "w")

    def note(self, text):
        self.log.write(text + "\n")
        self.log.flush()

    def close(self):
        self.log.close()
        os.unlink(self.log_path)


class ExamineContext:
    """What every examine task sees: the package's config and its install root."""

    def __init__(self, config, root):
        self.config = config
        self.root = root
