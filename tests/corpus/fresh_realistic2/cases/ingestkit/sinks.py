"""Where parsed rows go."""
import os


class FileSink:
    """Appends rows to a file it keeps open for the whole run."""

    def __init__(self, path):
        self.path = path
        self._fh = open(path, "a", encoding="utf-8")

    def write(self, row):
        self._fh.write(",".join(map(str, row)) + "\n")
        self._fh.flush()

    def close(self):
        self._fh.close()


class SinkSpec:
    """Only the path: each process opens its own FileSink from it."""

    def __init__(self, path):
        self.path = path

    def open(self):
        return FileSink(self.path)


def make_sink(out_dir, name, lazy=False):
    path = os.path.join(out_dir, name + ".csv")
    if lazy:
        return SinkSpec(path)
    return FileSink(path)
