"""MP101 / MP102: put the code that must run once, in the parent only, under the main guard.

MP101 (`main_guard_fix`) takes the top-level statement that starts processes and every top-level
statement after it into `if __name__ == "__main__":`. Definitions and imports after it stay at
module level (a child that re-imports the module needs them), ahead of the guard. If the module
already has a guard, the statements join its body in source order.

Applicability:
* SAFE when the moved code is the tail of the module (no definition or import after it, so nothing
  is reordered), the module has no guard yet, and the module is not part of a package. A script
  run as `__main__` is not imported by other modules under its own name, so the names the moved
  code binds are not reachable from anywhere else; in a package they may be.
* UNSAFE when definitions are moved ahead of the guard or statements are merged into an existing
  guard (the order of module-level code changes).
* DISPLAY_ONLY when a package module binds names in the moved code: importers would lose them.

MP102 (`move_under_guard_fix`) moves one side-effect statement to the start of the guard body
(UNSAFE: the effect now happens once, in the parent, and later than before). No fix when the
statement binds a name that functions or other module-level code read: children need it.
"""
from __future__ import annotations

import ast

from mpguard.semantic.index import nodes_in
from mpguard.text.findings import Applicability, Edit, Fix
from mpguard.fixes import _text as T

GUARD = 'if __name__ == "__main__":'


def _stays(stmt) -> bool:
    return isinstance(stmt, (*T.DEFS, ast.Import, ast.ImportFrom)) or (
        isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__")


@T.cached
def _positions(ctx) -> dict[int, int]:
    """Where each top-level statement is in the module's body, by identity."""
    return {id(stmt): i for i, stmt in enumerate(ctx.tree.body)}


def _creates_at_import(ctx, stmt) -> bool:
    inner = {id(n) for n in nodes_in(stmt)}
    return any(id(c.node) in inner and c.where.at_import and c.kind != "Thread" for c in ctx.facts.creations)


def _main_guard(ctx, node):
    body = ctx.tree.body
    start = T.top_statement(ctx, node)
    if start is None:
        raise T.CannotFix("no statement")
    guard = T.main_guard(ctx)
    if guard is not None and (guard.orelse or start is guard):
        raise T.CannotFix("guard with else")
    positions = _positions(ctx)
    index = positions[id(start)]
    # the statements that build the objects started here come along (`p = Process(...)`)
    while index > 0 and not _stays(body[index - 1]) and body[index - 1] is not guard \
            and _creates_at_import(ctx, body[index - 1]):
        index -= 1
    first = body[index]
    region = body[index:]
    if guard is not None and positions[id(guard)] < index:
        g = positions[id(guard)]
        region = body[g:]
        index = g
    for stmt in region:
        if not T.owns_lines(ctx, stmt):
            raise T.CannotFix("statements share lines")
    nl = T.newline(ctx)
    moved = [s for s in region if s is not guard and not _stays(s) and s.lineno >= first.lineno]
    moving = {id(s) for s in moved}  # membership by identity, in constant time: regions run to 100,000s
    kept = [s for s in region if s is not guard and id(s) not in moving]
    if not moved:
        raise T.CannotFix("nothing to move")
    inner = T.block_indent(ctx, guard.body) if guard is not None else T.INDENT

    # each statement's chunk: the comment/blank lines before it plus its own rows
    prev_end = body[index - 1].end_lineno if index > 0 else 0
    region_start = prev_end + 1
    chunks = {}
    row = region_start
    for stmt in region:
        chunks[id(stmt)] = (row, stmt.end_lineno)
        row = stmt.end_lineno + 1
    tail_start = row
    last_row = ctx.source.row_count

    kept_text = "".join(T.rows_text(ctx, *chunks[id(s)]) for s in kept)
    items = []
    for stmt in region:
        a, b = chunks[id(stmt)]
        if stmt is guard:
            header_end = T.with_comments(ctx, T.first_row(guard.body[0])) - 1
            items.append(("guard", T.rows_text(ctx, a, header_end), T.rows_text(ctx, header_end + 1, b)))
        elif id(stmt) in moving:
            old = T.indent_of(ctx, T.first_row(stmt))
            text = T.reindent(ctx, a, b, old, inner)
            stripped = text.lstrip("\r\n")
            if items and stripped != text:
                text = nl + stripped  # one blank line between moved pieces at most
            items.append(("moved", "", text))
    header = None
    guard_body = []
    for kind, head, text in items:
        if kind == "guard":
            header = head
        guard_body.append(text)
    body_text = "".join(guard_body).lstrip("\r\n")
    body_text = T.end_with_newline(ctx, body_text)
    binds = set().union(*(T.bound_names(s) for s in moved))
    main_name = _main_function(ctx, moved, moving, binds) if header is None else None
    if main_name is not None:
        body_text = f"def {main_name}():{nl}{body_text}{nl}{nl}"
        call = f"{inner}{main_name}(){nl}"
    if header is None:
        lead = ""
        settings = getattr(ctx, "settings", None)
        if getattr(settings, "freeze_support", False) and "freeze_support" not in ctx.source.text:
            mp = T.module_alias(ctx, "multiprocessing")
            if mp is None:  # only `from multiprocessing import ...`: import the module where it is used
                mp, lead = "multiprocessing", f"{inner}import multiprocessing{nl}"
            lead += f"{inner}{mp}.freeze_support(){nl}"
        header = GUARD + nl + lead
        if main_name is not None:  # the guard only calls main(), after its definition
            body_text, header = body_text + header + call, ""
    else:
        header = header.lstrip("\r\n")
    kept_text = kept_text.rstrip("\r\n")
    if kept_text:
        new = kept_text + nl + nl + nl + header + body_text
    else:
        leading = T.rows_text(ctx, region_start, T.first_row(region[0]) - 1) if region else ""
        leading_blank = leading[: len(leading) - len(leading.lstrip("\r\n"))]
        new = leading_blank + header + body_text
    tail = T.rows_text(ctx, tail_start, last_row) if tail_start <= last_row else ""
    new = new + tail
    edit = Edit(T.row_start(ctx, region_start), ctx.source.end_position(), new)

    reordered = any(s.lineno > first.lineno for s in kept)
    package = getattr(ctx.imports, "package", None)
    if package and binds:
        applicability = Applicability.DISPLAY_ONLY
        message = (f"Wrap the code that starts processes in `{GUARD}` (display only: this module is part of "
                   f"a package, and importers would lose {', '.join(sorted(binds)[:3])})")
    elif reordered or guard is not None or package:
        applicability = Applicability.UNSAFE
        message = (f"Wrap the code that starts processes in `{GUARD}` (unsafe: "
                   + ("definitions after it are moved ahead of the guard" if reordered else
                      "it joins the existing guard, so it runs after the code between them" if guard is not None
                      else "other modules of the package may import names it binds") + ")")
    else:
        applicability = Applicability.SAFE
        message = f"Wrap the code that starts processes in `{GUARD}`"
    if main_name is not None:
        message = message.replace("Wrap the code that starts processes in",
                                  f"Move the code that starts processes into `def {main_name}():` called under")
    return Fix(message, applicability, (edit,))


MAIN_FUNCTION_ROWS = 12  # from this many moved lines on, a main() function reads better than a long guard


def _main_function(ctx, moved, moving, binds) -> str | None:
    """Name for a `def main():` holding the moved code, when that reads better and changes nothing:
    the code is long, and no function reads a name it binds (those would become main()'s locals)."""
    rows = sum(s.end_lineno - T.first_row(s) + 1 for s in moved)
    if rows < MAIN_FUNCTION_ROWS:
        return None
    for node in nodes_in(ctx.tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)) \
                and id(node) not in moving and binds & T.loaded_names(node):
            return None
    if any(isinstance(n, (ast.Global, ast.Nonlocal, ast.Await, ast.Yield, ast.YieldFrom))
           for s in moved for n in nodes_in(s)):
        return None
    return T.fresh_name(ctx, "main")


def _move_under_guard(ctx, node):
    stmt = T.top_statement(ctx, node)
    guard = T.main_guard(ctx)
    if stmt is None or stmt is guard or _stays(stmt) or not T.owns_lines(ctx, stmt):
        raise T.CannotFix("not a movable statement")
    if guard is not None and guard.orelse:
        raise T.CannotFix("guard with else")
    binds = T.bound_names(stmt)
    if binds:
        readers, read_by_guard_functions = _module_reads(ctx)
        for name in binds:
            # read under the guard: fine, the statement goes first in the guard body; not in a function there
            if name in read_by_guard_functions:
                raise T.CannotFix("a function reads a name it binds")
            if readers.get(name, set()) - {id(stmt)} - _parent_only_defs(ctx):
                raise T.CannotFix("other code reads a name it binds")
    start = T.with_comments(ctx, T.first_row(stmt))
    end = stmt.end_lineno
    old = T.indent_of(ctx, T.first_row(stmt))
    edits = []
    drop_end = end
    if T.is_blank(ctx, start - 1):
        while T.is_blank(ctx, drop_end + 1):
            drop_end += 1
    edits.append(T.delete_rows(ctx, start, drop_end))
    nl = T.newline(ctx)
    if guard is not None:
        inner = T.block_indent(ctx, guard.body)
        text = T.end_with_newline(ctx, T.reindent(ctx, start, end, old, inner))
        edits.append(T.insert_at_row(ctx, T.with_comments(ctx, T.first_row(guard.body[0])), text))
        where = "to the start of the main guard"
    else:
        text = T.end_with_newline(ctx, T.reindent(ctx, start, end, old, T.INDENT))
        edits.append(T.insert_at_row(ctx, ctx.source.row_count + 1, nl + nl + GUARD + nl + text))
        where = "under a new main guard at the end of the module"
    return Fix(f"Move the side effect {where} (unsafe: it then runs once, in the parent only, and later "
               "than before)", Applicability.UNSAFE, T.merge_edits(edits))


@T.cached
def _parent_only_defs(ctx) -> set:
    """The top-level functions (by id) of a script (not a package module) that only the main guard calls, directly
    or through other such functions (each use of their name is a call, made in the guard's own code or in such a
    function's own body), that no child runs and no import-time code calls: a name they read may be bound first
    thing under the guard instead (cpython #111627's `RUN = RunLog.start()` that main() reads). A child that
    re-imports the script never runs them."""
    guard = T.main_guard(ctx)
    if guard is None or getattr(ctx.imports, "package", None):
        return set()
    children = getattr(ctx, "child_functions", None)
    at_import = getattr(ctx, "import_functions", None)
    if children is None or at_import is None:
        return set()
    defs = {s.name: s for s in ctx.tree.body if isinstance(s, T.FUNCS) and not s.decorator_list
            and s not in children and s not in at_import
            and sum(1 for other in ctx.tree.body if s.name in T.bound_names(other)) == 1}
    uses: dict = {name: [] for name in defs}  # name -> [the guard or the def whose own code calls it; None: other]
    for stmt in ctx.tree.body:
        for n in nodes_in(stmt):
            if isinstance(n, ast.Name) and n.id in uses and isinstance(n.ctx, ast.Load):
                uses[n.id].append(_caller(ctx, n, stmt, guard))
    included: set = set()
    changed = True
    while changed:
        changed = False
        for name, found in uses.items():
            if name not in included and found and all(c is guard or (c is not None and c.name in included)
                                                      for c in found):
                included.add(name)
                changed = True
    return {id(defs[name]) for name in included}


def _caller(ctx, name, top, guard):
    """The guard or the top-level def whose own code calls `name` (the Name node), else None (read another way,
    or from a nested function, a lambda, a class body, other module-level code)."""
    parent = ctx.parents.get(name)
    if not (isinstance(parent, ast.Call) and parent.func is name) or not (top is guard or isinstance(top, T.FUNCS)):
        return None
    node = parent
    while node is not None and node is not top:
        if isinstance(node, (*T.FUNCS, ast.Lambda, ast.ClassDef)):
            return None
        node = ctx.parents.get(node)
    return top if node is top else None


@T.cached
def _module_reads(ctx) -> tuple[dict, set]:
    """Which top-level statements (by id; the main guard aside) read each name, and the names functions
    and lambdas under the main guard read: found once, not once per side effect to move."""
    guard = T.main_guard(ctx)
    readers: dict = {}
    in_guard_functions: set = set()
    for stmt in ctx.tree.body:
        if stmt is guard:
            for n in nodes_in(stmt):
                if isinstance(n, T.FUNCS + (ast.Lambda,)):
                    in_guard_functions |= T.loaded_names(n)
            continue
        for name in T.loaded_names(stmt):
            readers.setdefault(name, set()).add(id(stmt))
    return readers, in_guard_functions


# Public builders (rules call these): None when out of reach or when the result would not parse.
main_guard_fix = T.fix_builder(_main_guard, whole_module=True)
move_under_guard_fix = T.fix_builder(_move_under_guard, whole_module=True)
