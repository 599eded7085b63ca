"""A call's arguments as the callee's parameter tests see them, once the flow knows their value.

    class Transform:
        def __init__(self, settings):
            self.settings = settings
        def post(self):
            return group.ingest(frame, max_processes=self.settings.max_processes)   # another module's method

    Transform(Settings(max_processes=args.processes))   # argparse's default: Settings.max_processes, 1

Whether `ingest` starts processes is a condition on its parameter (semantic/param_guards: `if self.max_processes
== 1:` of the object it builds from it). The argument as written is an attribute read; the walker's value of it
(the `settings` the constructor was given, its field) resolves through this module's calls to one literal: every
way the program reaches this call passes that literal, so the call is judged as if it were written there.

The flow's own resolution is a may-answer (a union leaves out what it cannot tell), so the literal is read here as
a must-answer: a parameter through every call of its function in the module (at least one, each giving the same
literal), a field of an object through every object it may be (each an instance whose construction gave the field
that literal, and no attribute of that name stored anywhere in the module, which might change it). Only an argument
written as a plain read (a name, an attribute, a sign) is replaced. Anything else stays as written (precision
first: an unknown argument may be either)."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.flow import bind_argument
from mpguard.semantic.index import module_nodes_of
from mpguard.semantic.node_memo import node_memo

SIMPLE = (int, float, str, bool, type(None))
READS = (ast.Name, ast.Attribute)
MAX_DEPTH = 6  # calls and fields followed


def with_resolved_literals(call: ast.Call, args: list, kwargs: dict, flow, tree: ast.Module) -> ast.Call:
    """`call` with each argument read as a name or attribute whose value (`args`: [(expr, value)], `kwargs`: {name:
    (expr, value)}, the walker's) surely is one simple literal, through the module's `flow`, written as that
    literal; `call` itself when none is."""
    if any(type(a) is ast.Starred for a in call.args) or any(k.arg is None for k in call.keywords):
        return call
    values = {id(expr): value for expr, value in [*args, *kwargs.values()] if isinstance(expr, ast.AST)}
    module = None

    def read(expr):
        nonlocal module
        if not isinstance(expr, READS) or id(expr) not in values:
            return expr
        if module is None:
            module = _module(tree)
        literal = sure_literal(flow, values[id(expr)], module)
        return ast.copy_location(ast.Constant(literal[0]), expr) if literal is not None else expr
    new_args = [read(a) for a in call.args]
    keywords = [k if (v := read(k.value)) is k.value else ast.keyword(arg=k.arg, value=v) for k in call.keywords]
    if all(a is b for a, b in zip(new_args, call.args)) and all(a is b for a, b in zip(keywords, call.keywords)):
        return call
    return ast.copy_location(ast.Call(func=call.func, args=new_args, keywords=keywords), call)


class _Module:
    """What of the module tells whether its calls are all the ways a value is reached: the attribute names it
    stores (a field of that name may have been changed after the construction), and the names of functions and
    classes it refers to otherwise than by calling them (handed on, a callback or a pool task: called elsewhere
    too, with arguments not known here)."""

    def __init__(self, tree: ast.Module):
        self.stored = frozenset(n.attr for n in module_nodes_of(tree, ast.Attribute) if type(n.ctx) is not ast.Load)
        called = {id(c.func) for c in module_nodes_of(tree, ast.Call)}
        self.escaped = frozenset(
            {n.id for n in module_nodes_of(tree, ast.Name) if type(n.ctx) is ast.Load and id(n) not in called}
            | {n.attr for n in module_nodes_of(tree, ast.Attribute) if type(n.ctx) is ast.Load and id(n) not in called})
        self.owners = {id(f): c.name for c in module_nodes_of(tree, ast.ClassDef) for f in c.body}

    def only_called(self, function) -> bool:
        """Is `function` (a constructor: its class) only ever called by name in the module?"""
        name = getattr(function, "name", None)
        if name == "__init__":
            name = self.owners.get(id(function))
        return name is not None and name not in self.escaped


@node_memo(maxsize=8)
def _module(tree: ast.Module) -> _Module:
    return _Module(tree)


def sure_literal(flow, value, stored, depth: int = 0) -> tuple | None:
    """(literal,) that `value` holds whichever way the module reaches it; None when it may hold anything else.
    `stored`: the module's `_Module`."""
    options = _sure(flow, value, stored, depth)
    if not options or not all(type(o) is V.Constant and isinstance(o.node, ast.Constant)
                              and type(o.node.value) in SIMPLE for o in options):
        return None
    literals = {(type(o.node.value), o.node.value) for o in options}
    return (options[0].node.value,) if len(literals) == 1 else None


def _sure(flow, value, stored: frozenset, depth: int) -> list | None:
    """Every value `value` may be, each known (a literal, an instance); None when one is not."""
    kind = type(value)
    if value is None or depth > MAX_DEPTH:
        return None
    if kind is V.Union:
        if value.every:
            return None
        found = []
        for option in value.options:
            more = _sure(flow, option, stored, depth + 1)
            if more is None:
                return None
            found += more
        return found
    if kind is V.Param:
        sites = flow.passing(value)
        if not sites or value.kind != "positional" or not stored.only_called(value.function):
            return None
        found = []
        for site in sites:
            more = _sure(flow, bind_argument(value.function, site, value, flow.resolve, flow.functions), stored,
                         depth + 1)
            if more is None:
                return None
            found += more
        return found
    if kind is V.Element:
        if value.attr is None or value.attr in stored.stored or value.key is not None or value.stored is not None \
                or value.per_class is not None or value.spread or value.contents:
            return None
        objects = _sure(flow, value.of, stored, depth + 1)
        if objects is None:
            return None
        found = []
        for obj in objects:
            fields = obj.fields if type(obj) is V.Instance else None
            if not fields or value.attr not in fields:
                return None
            more = _sure(flow, fields[value.attr], stored, depth + 1)
            if more is None:
                return None
            found += more
        return found
    if kind in (V.Constant, V.Instance):
        return [value]
    return None
