"""Names and scopes for the fix builders: which names a module binds, which a function captures
(symtable), and fresh names that collide with none of them."""
from __future__ import annotations

import ast
import symtable
from functools import lru_cache

from mpguard.semantic.index import nodes_in
from mpguard.fixes._text import (
    DEFS,
    CannotFix,
    cached,
    enclosing_function,
    first_row,
    main_guard,
)


def all_names(ctx):
    """Every identifier the module binds or reads (a container). An analysis of a slice of the
    module passes the whole module's in, so that it picks the same fresh names."""
    if getattr(ctx, "identifiers", None) is not None:
        return ctx.identifiers
    cache = ctx.__dict__.setdefault("_fix_cache", {})
    if "names" not in cache:
        if getattr(ctx, "index", None) is not None:
            cache["names"] = ctx.index.names
        else:
            cache["names"] = {n.id for n in nodes_in(ctx.tree) if isinstance(n, ast.Name)}
    return cache["names"]


def fresh_name(ctx, base: str, taken=()) -> str:
    if base.startswith("__") and not base.endswith("__"):
        # `__solve` named inside a class body is mangled to `_BE__solve` (a NameError in the method that
        # reads it), and fixes often name a lifted `_solve` by prefixing `_`: one leading underscore only
        base = "_" + base.lstrip("_")
    names = all_names(ctx)
    reserved = ctx.__dict__.setdefault("_fix_cache", {}).get("reserved", ())
    builtin = builtin_names()
    name, n = base, 2
    while name in names or name in taken or name in reserved or name in builtin:
        name, n = f"{base}_{n}", n + 1
    return name


@lru_cache(maxsize=None)
def builtin_names() -> frozenset:
    import builtins

    return frozenset(dir(builtins))


@cached
def module_level_names(ctx) -> set:
    """Names bound by top-level statements outside the main guard (they exist in a re-imported child)."""
    out = set()
    guard = main_guard(ctx)
    for stmt in ctx.tree.body:
        if stmt is guard:
            continue
        out |= bound_names(stmt)
    return out


@cached
def guard_bound_names(ctx) -> set:
    guard = main_guard(ctx)
    out = set()
    if guard is not None:
        for stmt in guard.body:
            out |= bound_names(stmt)
    return out


def bound_names(stmt) -> set:
    """Names a statement binds in its own scope (not inside nested functions or classes)."""
    out = set()
    if isinstance(stmt, DEFS):
        return {stmt.name}
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in stmt.names}
    stack = [stmt]
    while stack:
        node = stack.pop()
        if isinstance(node, DEFS):
            out.add(node.name)
            continue
        if isinstance(node, ast.Lambda):
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out |= bound_names(node)
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            out.add(node.id)
        stack.extend(ast.iter_child_nodes(node))
    return out


def loaded_names(node) -> set:
    return {n.id for n in nodes_in(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


# ---- scopes (symtable) -------------------------------------------------------------------------
def symtable_for(ctx, node):
    """The symbol table of a def, lambda or class node, or None.

    Scopes nest inside one top-level statement, so the table comes from that statement alone
    (placed on its own rows): a symtable of the whole module would parse the whole file again."""
    cache = ctx.__dict__.setdefault("_fix_cache", {}).setdefault("symtables", {})
    top = _top_statement(ctx, node)
    if top is None:
        return None
    if top not in cache:
        cache[top] = _tables_of(ctx, top)
    name = "lambda" if isinstance(node, ast.Lambda) else node.name
    found = []
    for row in {node.lineno, first_row(node)}:
        found.extend(cache[top].get((name, row), []))
    if len(found) > 1 and isinstance(node, ast.Lambda) and len({_signature(t) for t in found}) == 1:
        # several lambdas on one row (`{"a": lambda v: v * v, "b": lambda v: -v}`): symtable cannot say
        # which is which, but when their tables agree on every symbol (and so on every nested
        # scope), any of them answers each question about this one exactly.
        return found[0]
    return found[0] if len(found) == 1 else None


def _signature(table) -> tuple:
    """Everything a question about a table can read: its symbols' names and flags, and its children's."""
    symbols = tuple(sorted((s.get_name(), s.is_parameter(), s.is_local(), s.is_global(), s.is_free(),
                            s.is_nonlocal(), s.is_declared_global(), s.is_assigned(), s.is_referenced())
                           for s in table.get_symbols()))
    return (table.get_type(), symbols, tuple(_signature(c) for c in table.get_children()))


def _top_statement(ctx, node):
    while node is not None and ctx.parents.get(node) is not ctx.tree:
        node = ctx.parents.get(node)
    return node


def _tables_of(ctx, top) -> dict:
    first, last = first_row(top), top.end_lineno
    # Parsed from its own first row (rows padded in front would be scanned again for every statement).
    segment = "".join(ctx.source.line(row) for row in range(first, last + 1))
    try:
        root = symtable.symtable(segment, ctx.path or "<fix>", "exec")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    tables: dict = {}
    stack = [root]
    while stack:  # index every table once by (name, line): lookups are then O(1)
        table = stack.pop()
        tables.setdefault((table.get_name(), table.get_lineno() + first - 1), []).append(table)
        stack.extend(table.get_children())
    return tables


def free_variables(ctx, node) -> list:
    """Names the function takes from enclosing function scopes, in first-use order."""
    table = symtable_for(ctx, node)
    if table is None:
        raise CannotFix("no symbol table")
    if isinstance(node, ast.ClassDef):
        frees = {s.get_name() for s in table.get_symbols() if s.is_free()}
        for child in table.get_children():
            frees |= set(getattr(child, "get_frees", lambda: ())())
        frees.discard("__class__")  # the cell `super()` reads is made by the class itself, wherever it stands
    else:
        frees = set(table.get_frees())
    order = []
    uses = sorted((n for n in nodes_in(node) if isinstance(n, ast.Name) and n.id in frees),
                  key=lambda n: (n.lineno, n.col_offset))
    for n in uses:
        if n.id not in order:
            order.append(n.id)
    order.extend(sorted(frees - set(order)))
    return order


def locals_of(table) -> set:
    return {s.get_name() for s in table.get_symbols() if s.is_local() or s.is_parameter()}


def runtime_globals(ctx, node) -> list:
    """Globals the code reads that are bound only under the main guard (absent in a re-imported child)."""
    guard_names = guard_bound_names(ctx) - module_level_names(ctx)
    if not guard_names:
        return []
    table = symtable_for(ctx, node)
    local = locals_of(table) if table is not None else set()
    out = []
    for n in nodes_in(node):
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id in guard_names \
                and n.id not in local and n.id not in out and not _shadowed(ctx, n, node):
            out.append(n.id)
    return out


def _shadowed(ctx, name_node, root) -> bool:
    """Is the name bound locally by a scope between `name_node` and `root` (comprehension, inner def)?"""
    scope = enclosing_function(ctx, name_node)
    while scope is not None and scope is not root:
        table = symtable_for(ctx, scope)
        if table is not None and name_node.id in locals_of(table):
            return True
        scope = enclosing_function(ctx, scope)
    return False
