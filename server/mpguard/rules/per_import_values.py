"""MP302 for a value each import computes afresh: `WORKDIR = tempfile.mkdtemp()` at module level, read by a child
and by the parent at run time. A spawned or forkserver child imports the module again and makes its own folder:
the workers write into another temporary folder than the one the parent lists (observed: the session-11 battery's
j3 lists `[]` under spawn, `['a', 'b']` under fork). A forked child inherits the parent's value. A value the import
keeps in the process environment (`os.environ.setdefault(KEY, tempfile.mkdtemp())`) is the parent's in every child
started later (semantic/inherited_environment): not reported.
"""
from __future__ import annotations

import ast

from mpguard.semantic.index import nodes_in
from mpguard.semantic.inherited_environment import exported_keys, fallbacks

# Functions whose result differs at each call, so at each import of a module that calls them at its top level, and
# whose value both sides use to meet: a temporary folder or file the workers write into and the parent reads.
# (`uuid4()`, `time.time()`, `os.getpid()` differ too, but a child using its own is usually harmless: a `START`
# for elapsed times ran fine under spawn in the session-11 battery; left out, precision first.)
PER_CALL = frozenset({
    "tempfile.mkdtemp", "tempfile.mkstemp", "tempfile.TemporaryDirectory", "tempfile.NamedTemporaryFile",
})


def check(ctx, child_readers, parent_reads) -> None:
    """`child_readers(ctx, name)`: the children that read the global; `parent_reads(ctx, name)`: whether the
    parent reads it at run time (both from rules/state.py, which calls this)."""
    exported = None
    for stmt in ctx.tree.body:
        if not (type(stmt) is ast.Assign and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name):
            continue
        name = stmt.targets[0].id
        made = _per_call(ctx, stmt.value, ())
        if made is None:
            continue
        if exported is None:
            exported = exported_keys(ctx.tree, ctx.imports.qualify)
        # (kept in the environment the children inherit: semantic/inherited_environment)
        made = _per_call(ctx, stmt.value, fallbacks(stmt.value, name, ctx.imports.qualify, exported))
        if made is None:
            continue
        if not parent_reads(ctx, name) or not child_readers(ctx, name, setting_too=True):
            continue
        ctx.report("MP302", stmt, f"`{name}` is computed at import by {made}(), which gives another value at each "
                   f"import: a spawned child imports the module again and gets its own `{name}`, not the parent's",
                   ctx.breaks(None, lambda m: m != "fork"))


def _per_call(ctx, value, skipped):
    """The per-call function whose result the value is (directly, or as part of a string or path built from
    it: `os.path.join(tempfile.mkdtemp(), "out")`), else None. `skipped`: ids of nodes that do not make it."""
    for node in nodes_in(value):
        if type(node) is ast.Call and id(node) not in skipped:
            qualified = ctx.imports.qualify(node.func)
            if qualified in PER_CALL:
                return qualified
    return None
