"""Errors raised by report tasks."""


class FetchError(Exception):
    """A source answered with an HTTP error status."""

    def __init__(self, url, status):
        super().__init__(f"{url} answered {status}")
        self.url = url
        self.status = status


class ParseError(Exception):
    """A source could not be parsed; keeps every argument in args so it survives pickling."""

    def __init__(self, source, line_no):
        super().__init__(source, line_no)
        self.source = source
        self.line_no = line_no

    def __str__(self):
        return f"{self.source}: cannot parse line {self.line_no}"
