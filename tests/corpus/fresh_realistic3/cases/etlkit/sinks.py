"""Output sinks for etlkit jobs."""


class CsvSink:
    """Appends rows to a CSV file; the file is opened once, up front."""

    def __init__(self, path):
        self.path = path
        self._fh = open(path, "a")

    def write(self, row):
        self._fh.write(",".join(str(v) for v in row) + "\n")
        self._fh.flush()


class LazySink:
    """Appends rows to a CSV file, opening it on first use in whichever process writes."""

    def __init__(self, path):
        self.path = path
        self._fh = None

    def _handle(self):
        if self._fh is None:
            self._fh = open(self.path, "a")
        return self._fh

    def write(self, row):
        fh = self._handle()
        fh.write(",".join(str(v) for v in row) + "\n")
        fh.flush()

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_fh"] = None
        return state
