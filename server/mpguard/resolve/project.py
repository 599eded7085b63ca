"""Cross-module questions, behind one interface.

`ProjectResolver` reads the project's own modules with `ast` (fast, never executes anything).
`mpguard.resolve.jedi_resolver.JediResolver` answers what `ast` can't (installed packages,
re-exports) and is consulted only when the project resolver has no answer.
"""
from __future__ import annotations

import ast
import os
import sys
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

from mpguard.semantic.returns import ReturnSummary, summarize_returns

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
# The standard library is never "project code", even when mpguard checks the stdlib itself.
STDLIB = frozenset(getattr(sys, "stdlib_module_names", ())) | {"multiprocessing", "concurrent", "logging", "os"}


@dataclass
class ModuleSummary:
    """What importing a module does, and what its top-level names are."""

    path: str
    definitions: dict = field(default_factory=dict)  # name -> def node / Lambda
    starts_processes: list = field(default_factory=list)  # [(line, text)] at import
    side_effects: list = field(default_factory=list)  # [(line, text)] at import
    sets_start_method: list = field(default_factory=list)  # [(line, method)] at import
    # [(line, text)] at import: get_start_method() / get_context() fix the default start method for good
    fixes_start_method: list = field(default_factory=list)
    # top-level functions (and Class.method) that start processes when called -> the line where they do
    spawning: dict = field(default_factory=dict)
    imports: object = None  # the module's ImportMap (to read its classes' attributes)
    # What a caller's values meet in this module's top-level functions (judged by the linter):
    # name -> [Sink]: a parameter that reaches a child process
    sinks: dict = field(default_factory=dict)
    # name -> (what, error): the function returns a value pickle refuses
    results: dict = field(default_factory=dict)
    # name -> [(class name, line)]: exceptions it may raise that pickle cannot rebuild in a parent
    raises: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Sink:
    """A parameter of a function of another module that reaches a child process: `role` is target,
    args, initializer, task or task-args; `method` is the explicit start method there, if any."""

    param: str
    kind: str  # positional | vararg | kwarg
    role: str
    method: str | None
    line: int


# (the module's source, its path, its dotted name, the resolver for what it imports) -> what importing it does
Summarizer = Callable[[bytes, str, str, object], ModuleSummary]


# Summaries shared by every resolver of the process with the same roots (every file of a run asks about
# the same project modules): keyed by the file's path and mtime, least recently used dropped first.
_SHARED: OrderedDict = OrderedDict()
SHARED_LIMIT = 2048


class Resolver(Protocol):
    def returns(self, qualified: str) -> ReturnSummary | None: ...
    def definition_kind(self, qualified: str) -> str | None: ...
    def module_summary(self, module: str) -> ModuleSummary | None: ...


class ProjectResolver:
    """Finds `a.b.c` as `<root>/a/b/c.py` or `<root>/a/b/c/__init__.py` under the given roots."""

    def __init__(self, roots, fallback: Resolver | None = None, summarize: Summarizer | None = None):
        self.roots = [Path(r) for r in roots if r]
        self.fallback = fallback
        # What importing a module does is a question for the whole analysis (the walker and the rules
        # that sit above this layer), so the linter hands in the function that answers it.
        self.summarize = summarize
        self._roots_key = summarize  # (a module is found by its path: the roots only decide which path)
        self._summaries: dict[tuple[str, float], ModuleSummary | None] = {}

    def locate(self, module: str) -> Path | None:
        parts = module.split(".")
        for root in self.roots:
            base = root.joinpath(*parts)
            for candidate in (base.with_suffix(".py"), base / "__init__.py"):
                if os.path.isfile(candidate):  # never raises, even in a folder that cannot be entered
                    return candidate
        return None

    def _split(self, qualified: str):
        """`pkg.mod.name` -> (summary of pkg.mod, "name"), trying the longest module first."""
        parts = qualified.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            summary = self.module_summary(".".join(parts[:cut]))
            if summary is not None:
                return summary, parts[cut:]
        return None, None

    def definition(self, qualified: str):
        summary, rest = self._split(qualified)
        if summary is None or len(rest) != 1:
            return None
        return summary.definitions.get(rest[0])

    def function_summary(self, qualified: str):
        """(the module's summary, the function's name) for a top-level function of a project module."""
        summary, rest = self._split(qualified)
        if summary is None or len(rest) not in (1, 2):
            return None, None
        return summary, ".".join(rest)  # "func", or "Class.method"

    def class_definition(self, qualified: str):
        """(ClassDef, that module's imports) for a class of a project module, else None."""
        summary, rest = self._split(qualified)
        if summary is None or len(rest) != 1:
            return None
        definition = summary.definitions.get(rest[0])
        return (definition, summary.imports) if isinstance(definition, ast.ClassDef) else None

    def returns(self, qualified: str) -> ReturnSummary | None:
        definition = self.definition(qualified)
        if isinstance(definition, FUNCS):
            return summarize_returns(definition)
        if definition is None and self._ask_fallback(qualified):
            return self.fallback.returns(qualified)
        return None

    def definition_kind(self, qualified: str) -> str | None:
        definition = self.definition(qualified)
        if isinstance(definition, ast.Lambda):
            return "lambda"
        if isinstance(definition, FUNCS):
            if any(_closure_decorator(self, d, qualified) for d in definition.decorator_list):
                return "closure"
            return "function"
        if definition is None and self._ask_fallback(qualified):
            return self.fallback.definition_kind(qualified)
        return None

    def _ask_fallback(self, qualified: str) -> bool:
        return self.fallback is not None and qualified.split(".")[0] not in STDLIB

    def module_summary(self, module: str) -> ModuleSummary | None:
        if module.split(".")[0] in STDLIB:
            return None
        path = self.locate(module)
        if path is None:
            return None
        try:
            key = (str(path), os.stat(path).st_mtime)
        except OSError:
            return None
        if key in self._summaries:
            return self._summaries[key]
        shared_key = (self._roots_key, *key, module)
        found = _SHARED.get(shared_key)
        if found is None:
            self._summaries[key] = None  # a module that imports itself back, while it is summarised: unknown
            found = self._summarize_file(path, module)
            if found is not None and self.summarize is not None:
                _SHARED[shared_key] = found
                if len(_SHARED) > SHARED_LIMIT:
                    _SHARED.popitem(last=False)
        else:
            _SHARED.move_to_end(shared_key)
        self._summaries[key] = found
        return found

    def _summarize_file(self, path: Path, module: str) -> ModuleSummary | None:
        if self.summarize is None:
            return ModuleSummary(str(path))
        try:
            data = path.read_bytes()
        except OSError:
            return None
        # The summary may ask about the modules this one imports (a Pool started three modules away).
        return self.summarize(data, str(path), module, self)


def function_summary(resolver, qualified: str):
    """(module summary, "func" or "Class.method") for a function of a project module, asked of any
    resolver (one without `function_summary` is asked for the module); (None, None) if unknown."""
    if resolver is None:
        return None, None
    lookup = getattr(resolver, "function_summary", None)
    if lookup is not None:
        return lookup(qualified)
    module, _, name = qualified.rpartition(".")
    return (resolver.module_summary(module), name) if module else (None, None)


def _closure_decorator(resolver: ProjectResolver, decorator: ast.expr, qualified: str) -> bool:
    if not isinstance(decorator, ast.Name):
        return False
    module = qualified.rsplit(".", 1)[0]
    summary = resolver.module_summary(module)
    target = summary.definitions.get(decorator.id) if summary else None
    return isinstance(target, FUNCS) and summarize_returns(target).kind == "closure"


class DeferredResolver:
    """A fallback that answers nothing but remembers what it was asked: the fast first pass of
    the language server uses it, and a second pass with jedi runs only when something was asked."""

    def __init__(self):
        self.asked: set[str] = set()

    def returns(self, qualified: str):
        self.asked.add(qualified)
        return None

    def definition_kind(self, qualified: str):
        self.asked.add(qualified)
        return None

    def module_summary(self, module: str):
        return None
