"""MP208 for a library call that raises an exception the pickle catalog saw fail to cross (semantic/library_raises:
`xml.sax.parse(...)` raises a SAXParseException pickle refuses, httpx's `response.raise_for_status()` an
HTTPStatusError the parent cannot rebuild). The call is judged as a `raise` of that class: a task that lets it out
cannot send it back (a Pool hangs, an executor breaks), and a handler that catches it and puts it on a queue sends
what the reader cannot get. A handler on the way that catches it by its class or a base (`except SAXException:`,
`except httpx.HTTPError:`, `except Exception:`) stops it."""
from __future__ import annotations

import ast

from mpguard.semantic.handlers import reraising_handler
from mpguard.semantic.library_raises import raising_calls
from mpguard.semantic.pickle_catalog import refused_exceptions

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def raising_by_function(ctx) -> dict:
    """def -> [(call, exception class qualified, error, names a handler may catch it by, refused by pickle in the
    sender)] of the module's calls
    of cataloged raisers, by the def whose own code makes them (calls in a lambda or at module level are left out)."""
    found = ctx.memo.get("raising library calls")
    if found is None:
        found = ctx.memo["raising library calls"] = {}
        for call, qualified, error, names, refused in raising_calls(ctx.tree, ctx.imports):
            function = ctx.enclosing_def(call)
            if function is not None:
                found.setdefault(function, []).append((call, qualified, error, names, refused))
    return found


def task_raises(ctx, definition, reachable, every) -> None:
    """MP208 at each cataloged raising call a task reaches whose exception leaves the task."""
    by_function = raising_by_function(ctx)
    for func in reachable:
        for call, qualified, error, names, refused in by_function.get(func, ()):
            if ctx.escapes(definition, func, call, names) and not _reraised_by_class(ctx, call, names):
                name = qualified.rpartition(".")[2]
                why = f"pickle refuses it when the worker sends it back: {error} (the parent gets a pickling error, " \
                    "not the task's)" if refused else f"pickle cannot rebuild it in the parent: {error} (a Pool " \
                    "hangs, an executor breaks)"
                ctx.report("MP208", call, f"{ast.unparse(call.func)}() may raise `{name}` ({qualified}) in a task, "
                           f"and {why}", every, error=error)


def _reraised_by_class(ctx, call, names) -> bool:
    """Whether a handler on the way catches the call's exception by a class the catalog saw pickle refuse and raises
    it again (`except etree.XMLSyntaxError: raise`): that re-raise is the task's finding (rules/task_results), one
    finding for the one exception."""
    handler = reraising_handler(call, names, ctx.parents)
    if handler is None or handler.type is None:
        return False
    types = handler.type.elts if type(handler.type) is ast.Tuple else [handler.type]
    return any(isinstance(t, (ast.Name, ast.Attribute)) and ctx.imports.qualify(t) in refused_exceptions()
               for t in types)


def caught_raise(ctx, function, trial, handler, first_catching, innermost_try):
    """(class name, call, error, refused by pickle in the sender) of the first cataloged raising call whose exception
    the clause `handler` of `trial` (a `try` of `function`) takes: made in the try body, or in a function of this
    module called there."""
    by_function = raising_by_function(ctx)
    for call, qualified, error, names, refused in by_function.get(function, ()):
        if innermost_try(ctx, call, function) is trial and first_catching(trial, names) is handler:
            return qualified.rpartition(".")[2], call, error, refused
    info = ctx.facts.functions.get(function)
    for _value, call, _where in info.calls if info is not None else ():
        if innermost_try(ctx, call, function) is not trial:
            continue
        for definition in ctx.definitions_of(_value):
            for func in ctx.reachable([definition]):
                for raising, qualified, error, names, refused in by_function.get(func, ()):
                    if ctx.escapes(definition, func, raising, names) and first_catching(trial, names) is handler:
                        return qualified.rpartition(".")[2], raising, error, refused
    return None
