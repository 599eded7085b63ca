"""Row parsing and scaling, run inside worker processes."""
from . import state
from .errors import RowError, RowWarning


def parse_line(item):
    lineno, line = item
    name, _, value = line.partition(",")
    if not value.strip().lstrip("-").isdigit():
        raise RowError(lineno, f"not a number: {value!r}")
    return name.strip(), int(value)


def parse_line_lenient(item):
    lineno, line = item
    name, _, value = line.partition(",")
    if not value.strip().lstrip("-").isdigit():
        raise RowWarning(lineno, f"not a number: {value!r}")
    return name.strip(), int(value)


def scaled_total(batch):
    settings = state.current()
    return sum(value for _, value in batch) * settings.scale
