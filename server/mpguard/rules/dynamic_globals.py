"""MP302 for globals set and read by name: `globals()[name] = value` in the parent, `globals()[name]` in
a child (widmi/multiprocess-shared-numpy-arrays #2: "getting the array in a subprocess via
`globals()[name]` does unfortunately not work ... globals only being inherited when using fork").

A module's globals are per process. A forked child copies the parent's dictionary; a spawned or
forkserver child re-imports the module, and an entry the parent added at run time is not there:
`KeyError: 'frames'` (or `.get()` gives None).

Two shapes, both asked of functions as written (their own statements, no flow):
- in this module: a function the parent runs (or the main block) stores into `globals()`, and a
  function that runs in a child loads from it;
- across modules: the parent calls a function of another project module that stores into that
  module's `globals()`, and a child calls a function of the same module that loads from it (the
  finding is at the parent's call).
Silent when a child stores into `globals()` itself (an initializer that registers the value again),
when the write runs at import (a child's import runs it too), or when both keys are different strings.
"""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.names import is_main_guard
from mpguard.text.findings import RelatedFile

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
WRITING_METHODS = ("update", "setdefault", "__setitem__")
READING_METHODS = ("get", "__getitem__", "setdefault")


def _globals_call(node) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "globals" \
        and not node.args and not node.keywords


def dynamic_ops(scope) -> tuple[list, list]:
    """([(node, key)] stores into `globals()`, [(node, key)] loads from it) in `scope`'s own statements
    (not in functions nested in it); `key` is the constant string used, else None."""
    writes, reads = [], []
    todo = list(scope.body) if isinstance(scope, (ast.If, *FUNCS)) else [scope]
    while todo:
        node = todo.pop()
        if isinstance(node, (*FUNCS, ast.ClassDef, ast.Lambda)):
            continue
        if isinstance(node, ast.Subscript) and _globals_call(node.value):
            key = _key(node.slice)
            (reads if isinstance(node.ctx, ast.Load) else writes).append((node, key))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and _globals_call(node.func.value):
            key = _key(node.args[0]) if node.args else None
            if node.func.attr in WRITING_METHODS:
                writes.append((node, key))
            if node.func.attr in READING_METHODS:
                reads.append((node, key))
        todo.extend(ast.iter_child_nodes(node))
    return writes, reads


def _key(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _same_key(a, b) -> bool:
    return a is None or b is None or a == b


def check(ctx) -> None:
    if not ctx.child_functions:
        return
    if "globals()" in ctx.source.text:
        _in_this_module(ctx)
    if ctx.resolver is not None and ctx.facts.project_calls:
        _across_modules(ctx)


def _in_this_module(ctx) -> None:
    readers = []  # (child record, key)
    for func, children in ctx.child_functions.items():
        if func in ctx.parent_functions:
            continue
        writes, reads = dynamic_ops(func)
        if writes:
            return  # a child registers entries itself (an initializer): what it reads may be its own
        readers.extend((child, key) for _node, key in reads for child in children)
    if not readers:
        return
    scopes = [f for f in ctx.parent_functions if f not in ctx.import_functions and f not in ctx.child_functions]
    scopes += [s for s in ctx.tree.body if isinstance(s, ast.If) and is_main_guard(s.test)]
    for scope in sorted(scopes, key=lambda s: s.lineno):
        for node, key in dynamic_ops(scope)[0]:
            bitten = [child for child, read in readers if _same_key(key, read)]
            methods = frozenset().union(*(ctx.breaks(c.method, lambda m: m != "fork") for c in bitten)) \
                if bitten else frozenset()
            if methods:
                ctx.report("MP302", node, "the parent adds an entry to the module's `globals()` at run time and a "
                           "child looks it up in `globals()`; a child that re-imports the module has no such "
                           f"entry: KeyError{': ' + repr(key) if key else ''}", methods)
                return


def _across_modules(ctx) -> None:
    resolver = ctx.resolver
    child_reads: dict = {}  # module -> [(child record, key)]
    child_writes: set = set()  # modules whose globals() a child stores into
    ops: dict = {}
    definition = getattr(resolver, "definition", None)
    if definition is None:
        return

    def ops_of(qualified):
        if qualified not in ops:
            found = definition(qualified)
            ops[qualified] = dynamic_ops(found) if isinstance(found, FUNCS) else ((), ())
        return ops[qualified]

    calls_by_function: dict = {}
    for call, qualified, _args, _kwargs, where in ctx.facts.project_calls:
        calls_by_function.setdefault(where.function, []).append((call, qualified, where))
    for func, children in ctx.child_functions.items():
        if func in ctx.parent_functions:
            continue
        for _call, qualified, _where in calls_by_function.get(func, ()):
            writes, reads = ops_of(qualified)
            module = qualified.rpartition(".")[0]
            if writes:
                child_writes.add(module)
            child_reads.setdefault(module, []).extend((c, key) for _n, key in reads for c in children)
    for creation in ctx.facts.creations:  # an initializer of that module registers the entry in each worker
        initializer = creation.initializer
        if type(initializer) is V.ModuleRef and ops_of(initializer.qualified)[0]:
            child_writes.add(initializer.qualified.rpartition(".")[0])
    for func, calls in calls_by_function.items():
        if func is not None and (func not in ctx.parent_functions or func in ctx.child_functions
                                 or func in ctx.import_functions):
            continue
        for call, qualified, where in calls:
            module = qualified.rpartition(".")[0]
            if module in child_writes or not child_reads.get(module) or where.at_import and not where.guarded:
                continue
            writes = ops_of(qualified)[0]
            if not writes:
                continue
            node, key = writes[0]
            bitten = [c for c, read in child_reads[module] if _same_key(key, read)]
            methods = frozenset().union(*(ctx.breaks(c.method, lambda m: m != "fork") for c in bitten)) \
                if bitten else frozenset()
            if not methods:
                continue
            path = resolver.locate(module) if hasattr(resolver, "locate") else None
            related = RelatedFile(str(path), node.lineno, "it stores into `globals()` here") if path else None
            name = qualified.rpartition(".")[2]
            ctx.report("MP302", call, f"`{name}()` (from {module}) adds an entry to that module's `globals()` in the "
                       "parent, and a child looks it up there by name; a child that re-imports the module has no "
                       "such entry: KeyError", methods, related_file=related)
            return
