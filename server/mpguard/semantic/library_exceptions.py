"""Library exceptions that cannot cross back from a worker, as the pickle catalog measured them
(semantic/pickle_catalog): classes whose copy the parent cannot rebuild (`urllib.error.HTTPError`,
`xmlrpc.client.ProtocolError`: their `args` miss what __init__ needs) and classes pickle refuses (lxml's,
holding their error log). Read for a `raise` in any project module, so that one raised by a helper of
another module is judged like one raised in the task itself.

A handler may catch such an exception by a base class: the names it answers to are its own, those of the
module's other cataloged exceptions (`except etree.LxmlError`), and for a standard-library class its real
bases, kept as data (`except URLError:`, `except OSError:` catch an HTTPError), and for an exception the catalog's
probe made by calling the library (an entry's `raised_by`), the bases it read (`except httpx.HTTPError:` catches
an HTTPStatusError). Nothing is imported."""
from __future__ import annotations

from functools import lru_cache

from mpguard.semantic.pickle_catalog import exception_bases, refused_exceptions, unrebuildable_exceptions


def library_exception(qualified: str | None) -> tuple[str, frozenset] | None:
    """(the error the worker's reply or the parent meets, the names a handler may catch it by) for a cataloged
    library exception class `qualified` (as an import qualifies it), else None."""
    if not qualified:
        return None
    error = refused_exceptions().get(qualified) or unrebuildable_exceptions().get(qualified)
    if not error:
        return None
    return error, _caught_names(qualified)


@lru_cache(maxsize=64)
def _caught_names(qualified: str) -> frozenset:
    module, _, name = qualified.rpartition(".")
    cataloged = {*refused_exceptions(), *unrebuildable_exceptions()}
    names = {name} | {other.rpartition(".")[2] for other in cataloged if other.rpartition(".")[0] == module}
    return frozenset(names | _standard_bases(module, name) | set(exception_bases(qualified)))


# The exception classes of the standard library the catalog holds, with the names of their bases (the MRO read from
# CPython 3.11's classes once, kept as data: mpguard imports nothing it analyses).
STANDARD_BASES = {
    "urllib.error.HTTPError": ("HTTPError", "URLError", "OSError", "IOError", "EnvironmentError", "Exception",
                               "BaseException", "addinfourl", "addinfo", "addbase", "_TemporaryFileWrapper"),
    "xmlrpc.client.Fault": ("Fault", "Error", "Exception", "BaseException"),
    "xmlrpc.client.ProtocolError": ("ProtocolError", "Error", "Exception", "BaseException"),
}


def _standard_bases(module: str, name: str) -> set:
    """The names in the MRO of a cataloged standard-library exception class (STANDARD_BASES)."""
    return set(STANDARD_BASES.get(f"{module}.{name}", ()))
