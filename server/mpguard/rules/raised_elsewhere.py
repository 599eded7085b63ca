"""What a function of another project module may raise for one call's arguments, read from its module's
summary (`ModuleSummary.raises`, with the parameter conditions of `ModuleSummary.guards`): shared by the
summaries of the modules that call it (linter/raise_paths: a raise two modules away) and by the rules
that judge a task (rules/pickling: MP208)."""
from __future__ import annotations

import ast

from mpguard.resolve.project import raises_summary
from mpguard.semantic import param_guards as G


# How many modules beyond the called function's are followed for what it raises (a helper that calls a
# helper of a third module ...): each module's raises are summarised once per depth left, so the work is
# at most RAISE_DEPTH + 1 walks per module, and the summaries never nest deeper than this (issue 16:
# a chain of 200 modules ran out of Python's stack).
RAISE_DEPTH = 4


class Raised(tuple):
    """(class name, line, error) of a summary's `raises`, the file of that line when it is not the
    summary's own module (a raise two modules away), and the names an `except` clause may catch it by
    (its class and bases, read where the class is defined: semantic/exception_args.caught_as)."""

    path = None
    names: frozenset = frozenset()

    @classmethod
    def made(cls, name: str, line: int, error: str, path: str | None, names=frozenset()) -> "Raised":
        entry = cls((name, line, error))
        entry.path = path
        entry.names = frozenset(names) | {name}
        return entry


class Reached(tuple):
    """(class name, line, error, path) of `imported_raises`, with the names a handler may catch it by."""

    names: frozenset = frozenset()

    @classmethod
    def made(cls, entry: tuple, path: str, names) -> "Reached":
        found = cls((*entry, path))
        found.names = frozenset(names) | {entry[0]}
        return found


def imported_raises(resolver, qualified: str, call, depth: int = RAISE_DEPTH) -> list:
    """[(class name, line, error, path)] another project module's function (or Class.method, or the
    method of what a factory of that module returns) may raise for this call's arguments, following
    its calls into `depth` modules further (`Reached`: each with the names a handler may catch it by)."""
    summary, name = raises_summary(resolver, qualified, depth)  # (a summary of what it raises alone)
    if summary is None or not name:
        return []
    name = G.factory_method(summary, name)
    if isinstance(summary.definitions.get(name), ast.ClassDef):  # `NeoViBus(spec)`: building it runs its __init__
        name = f"{name}.__init__"
    found = G.called_with(summary, name, summary.raises.get(name, ()), call)
    return [Reached.made(tuple(entry), getattr(entry, "path", None) or summary.path, getattr(entry, "names", ()))
            for entry in found]


def shown_file(path: str, summary_path: str) -> str:
    """`, through helpers.py` when a raise is in another file than the called function's module."""
    if not path or path == summary_path:
        return ""
    return f", through {path.replace(chr(92), '/').rsplit('/', 1)[-1]}"
