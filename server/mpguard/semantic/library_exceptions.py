"""Library exceptions that cannot cross back from a worker, as the pickle catalog measured them
(semantic/pickle_catalog): classes whose copy the parent cannot rebuild (`urllib.error.HTTPError`,
`xmlrpc.client.ProtocolError`: their `args` miss what __init__ needs) and classes pickle refuses (lxml's,
holding their error log). Read for a `raise` in any project module, so that one raised by a helper of
another module is judged like one raised in the task itself.

A handler may catch such an exception by a base class: the names it answers to are its own, those of the
module's other cataloged exceptions (`except etree.LxmlError`), and for a standard-library class its real
bases, read from the class itself (`except URLError:`, `except OSError:` catch an HTTPError). A library
outside the standard library is never imported here."""
from __future__ import annotations

import importlib
import sys
from functools import lru_cache

from mpguard.semantic.pickle_catalog import refused_exceptions, unrebuildable_exceptions


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
    return frozenset(names | _standard_bases(module, name))


def _standard_bases(module: str, name: str) -> set:
    """The names in the MRO of a standard-library class (its module imported: the standard library only)."""
    top = module.partition(".")[0]
    if top not in getattr(sys, "stdlib_module_names", ()):
        return set()
    try:
        cls = getattr(importlib.import_module(module), name, None)
    except Exception:  # noqa: BLE001 (a module this platform lacks)
        return set()
    if not isinstance(cls, type):
        return set()
    names = {c.__name__ for c in cls.__mro__ if c is not object}
    return names | ({"IOError", "EnvironmentError"} if "OSError" in names else set())  # (OSError's aliases)
