"""Errors raised while parsing rows."""


class RowError(Exception):
    """A row that cannot be parsed; keeps the line number for the report."""

    def __init__(self, lineno, reason):
        super().__init__(f"line {lineno}: {reason}")
        self.lineno = lineno
        self.reason = reason


class RowWarning(Exception):
    """Like RowError, but hands every argument to Exception so it survives pickling."""

    def __init__(self, lineno, reason):
        super().__init__(lineno, reason)
        self.lineno = lineno
        self.reason = reason
