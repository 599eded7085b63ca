"""What a project module's functions raise that pickle cannot rebuild in a parent, and under which
values of their parameters (for the summaries other modules read: `linter.summaries`).

An exception class may live in another project module (`from fvkit.errors import HTTPError`): it is
read there, with its base classes (semantic/exception_args). A raise deep in the module's own calls
counts for every function that reaches it, under the parameter tests on the way
(semantic/param_guards): `fetch_page(url, strict=True)` -> `_page(url, strict)` -> `if strict: raise
HTTPError(...)` raises it for `fetch_page(url)` and not for `fetch_page(url, False)`.
"""
from __future__ import annotations

import ast

from mpguard.resolve.project import module_names
from mpguard.rules.unrebuildable_exceptions import exception_not_rebuildable, missing_arguments
from mpguard.rules.raised_elsewhere import RAISE_DEPTH, imported_raises
from mpguard.rules.raising_library_calls import raising_by_function
from mpguard.semantic import param_guards as G
from mpguard.semantic import values as V
from mpguard.semantic.exception_args import caught_as, class_bases
from mpguard.semantic.handlers import caught_in_function
from mpguard.semantic.index import default_expression
from mpguard.semantic.library_exceptions import library_exception

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
MAX_FUNCTIONS = 2000  # functions followed per module at most (beyond: what they raise is not told)


def raised_here(ctx, tree: ast.Module, resolver) -> dict:
    """function -> [(class name, line, error, raise statement, condition, names a handler may catch it by)]
    it raises itself."""
    definitions = {s.name: s for s in tree.body if isinstance(s, (*FUNCS, ast.ClassDef))}
    local_bases = class_bases(definitions, ctx.imports, resolver)
    raising: dict = {}
    for function, calls in raising_by_function(ctx).items():  # `response.raise_for_status()` of httpx
        for call, qualified, error, names, _refused in calls:
            raising.setdefault(function, []).append(
                (qualified.rpartition(".")[2], call.lineno, error, call, frozenset(), names))
    for effect in ctx.facts.effects_of("raise"):
        library = _library_raise(ctx, effect.node)
        if library is not None:  # `raise urllib.error.HTTPError(url, 404, ...)` in a helper a task calls
            name, error, names = library
            raising.setdefault(effect.where.function, []).append(
                (name, effect.node.lineno, error, effect.node, frozenset(), names | _written_name(effect.node)))
            continue
        for value, chosen in _raised_options(ctx, effect):
            found = _exception_class(value, local_bases, resolver)
            if found is None:
                continue
            cls, base_of = found
            if exception_not_rebuildable(cls, base_of):
                raising.setdefault(effect.where.function, []).append(
                    (cls.name, effect.node.lineno, missing_arguments(cls, value.node, base_of), effect.node, chosen,
                     caught_as(cls, base_of) | _written_name(effect.node)))
                # every option is kept (a raise of `_BY_CODE.get(code, ErrorReturnCode)` builds any of them): a rule
                # reports the first, and copyreg, which looks classes up by their exact type, needs each registered
    return raising


def _library_raise(ctx, raised: ast.Raise):
    """(class name, error, names a handler may catch it by) for a `raise` that builds a library exception the
    pickle catalog saw fail to cross (semantic/library_exceptions), else None."""
    made = raised.exc
    if not (isinstance(made, ast.Call) and isinstance(made.func, (ast.Name, ast.Attribute))):
        return None
    qualified = ctx.imports.qualify(made.func)
    found = library_exception(qualified)
    if found is None:
        return None
    error, names = found
    return qualified.rpartition(".")[2], error, names


def _written_name(raised: ast.Raise) -> frozenset:
    """The name a raise builds its exception by (`raise error_class(...)`, `raise errors.Timeout()`): an alias
    of the class a handler of the same spelling catches."""
    made = raised.exc.func if isinstance(raised.exc, ast.Call) else raised.exc
    name = made.id if isinstance(made, ast.Name) else made.attr if isinstance(made, ast.Attribute) else None
    return frozenset((name,)) if name else frozenset()


def _raised_options(ctx, effect):
    """(value, condition) of each object a raise may build: the one class it names, each class a mapping of
    classes may give (`exc_class = _BY_CODE.get(code, ErrorReturnCode)`, sh's own shape: the walk's union of
    the dict's items and the default), or the default of a parameter naming the class."""
    value = effect.detail
    if type(value) is V.Union:
        yield from ((option, frozenset()) for option in value.options if type(option) in (V.Instance, V.Returned))
        return
    if _exception_class(value, {}, None) is not None or type(value) is V.Returned:
        yield value, frozenset()
        return
    # `raise error_cls(...)` of `def encode(field, error_cls=SerializationError)`
    value, chosen = _default_class(ctx, effect)
    if value is not None:
        yield value, chosen


def _default_class(ctx, effect) -> tuple:
    """(the value `raise p(...)` builds when the parameter `p` keeps its default, a class named at module level;
    the condition that the caller leaves it so: ("is", p, name)), or (None, ...) when the raise is not that."""
    raised, function = effect.node.exc, effect.where.function
    if not (isinstance(raised, ast.Call) and isinstance(raised.func, ast.Name) and isinstance(function, FUNCS)):
        return None, frozenset()
    param = raised.func.id
    if param not in G.parameter_names(function) or param not in G.unchanged_parameters(function):
        return None, frozenset()
    default = default_expression(function, param)
    if not isinstance(default, ast.Name):
        return None, frozenset()
    named = ctx.facts.module_env.get(default.id)
    if type(named) is V.Callable and isinstance(named.definition, ast.ClassDef):
        value = V.Instance(raised, named)
    elif type(named) is V.Imported:
        value = V.Returned(raised, f"{named.module}.{named.name}")
    else:
        return None, frozenset()
    return value, frozenset({(("is", param, default.id), True)})


def _exception_class(value, local_bases, resolver):
    """(ClassDef, base_of) of what a raise builds: a class of this module, or of another project module."""
    if type(value) is V.Instance and value.cls is not None and isinstance(value.cls.definition, ast.ClassDef):
        return value.cls.definition, local_bases
    if type(value) is V.Returned and resolver is not None and isinstance(value.node, ast.Call):
        lookup = getattr(resolver, "class_definition", None)
        found = lookup(value.qualified) if lookup is not None else None
        if found is None:
            return None
        names = module_names(resolver, value.qualified.rpartition(".")[0])
        if names is None:
            return None
        return found[0], class_bases(names[0], found[1], resolver)
    return None


def raise_paths(ctx, raising: dict, depth: int = RAISE_DEPTH) -> "Paths":
    """`depth`: how many modules further the calls into other project modules are followed (0: none)."""
    return Paths(ctx, raising, depth)


class Paths:
    """Per function: each exception it may raise, itself, in the module's functions it calls, or in the
    functions of other project modules it calls (their summaries, judged for this call's arguments),
    with the alternatives of conditions on its own parameters under which it does. An exception stopped on
    the way by a `try` of the function whose handler catches it (by its class or a base: `names`) is not
    raised there (semantic/handlers)."""

    def __init__(self, ctx, raising: dict, depth: int = RAISE_DEPTH):
        self.ctx = ctx
        self.raising = raising
        self.memo: dict = {}
        self.visited = 0
        self.depth = depth
        self.names: dict = {}  # (class name, line, path or None) -> the names a handler may catch it by
        self.foreign: dict = {}  # function -> [(call, qualified)] of other project modules' functions
        for call, qualified, _args, _kwargs, where in ctx.facts.project_calls:
            self.foreign.setdefault(where.function, []).append((call, qualified))

    def caught_by(self, key: tuple) -> frozenset:
        """The names a handler may catch the exception of a key of `of` by."""
        return self.names.get((key[0], key[1], key[3]), frozenset((key[0],)))

    def of(self, function, stack=()) -> dict:
        """{(class name, line, error, path or None for this module): alternatives}"""
        known = self.memo.get(function)
        if known is not None:
            return known
        if function in stack or self.visited > MAX_FUNCTIONS:
            return {}
        self.visited += 1
        parents = self.ctx.parents
        out: dict = {}
        for name, line, error, node, chosen, names in self.raising.get(function, ()):
            self.names[(name, line, None)] = names
            if caught_in_function(node, names, parents):
                continue  # (`try: ... except AbortFit:` in the same function: it never leaves it)
            here = G.guards(node, parents, function)
            here = G.both(here, chosen) if here is not None else None  # (the class a parameter's default names)
            if here is not None:
                out[(name, line, error, None)] = G.merge(out.get((name, line, error, None), ()), (here,))
        for call, qualified in self.foreign.get(function, ()):
            here = G.guards(call, parents, function)
            if here is None:
                continue
            for key in imported_raises(self.ctx.resolver, qualified, self.ctx.as_read(call), self.depth - 1) \
                    if self.depth > 0 else ():
                self.names[(key[0], key[1], key[3])] = key.names
                if not caught_in_function(call, key.names, parents):
                    out[tuple(key)] = G.merge(out.get(tuple(key), ()), (here,))
        info = self.ctx.facts.functions.get(function)
        for value, call, _where in info.calls if info is not None else ():
            for callee in self.ctx.definitions_of(value):
                inner = self.of(callee, (*stack, function))
                if not inner:
                    continue
                bound = callee.name == "__init__" or G.is_bound_method(callee, parents)
                for key, alternatives in inner.items():
                    if caught_in_function(call, self.caught_by(key), parents):
                        continue  # the call sits in a `try` whose handler takes that class by its name or a base's
                    seen = G.through_call(alternatives, callee, call, function, parents, bound, read=self.ctx.as_read(call))
                    if seen:
                        out[key] = G.merge(out.get(key, ()), seen)
        self.memo[function] = out  # (inside a cycle, a partial answer: fewer findings, never more)
        return out
