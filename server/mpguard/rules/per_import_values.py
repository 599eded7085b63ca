"""MP302 for a value each import computes afresh: `WORKDIR = tempfile.mkdtemp()`, `RUN_ID = uuid.uuid4()`,
`START = time.time()` at module level, read by a child and by the parent at run time. A spawned or forkserver child
imports the module again and computes its own value: the workers write into another temporary folder than the one
the parent lists, log another run id, time from another start (observed: the session-11 battery's j3 lists `[]`
under spawn, `['a', 'b']` under fork). A forked child inherits the parent's value.
"""
from __future__ import annotations

import ast

from mpguard.semantic.index import nodes_in

# Functions whose result differs at each call, so at each import of a module that calls them at its top level.
PER_CALL = frozenset({
    "tempfile.mkdtemp", "tempfile.mkstemp", "tempfile.TemporaryDirectory", "tempfile.NamedTemporaryFile",
    "uuid.uuid1", "uuid.uuid4", "time.time", "time.time_ns", "time.monotonic", "time.perf_counter",
    "datetime.datetime.now", "datetime.datetime.utcnow", "datetime.datetime.today", "datetime.date.today",
    "os.getpid", "secrets.token_hex", "secrets.token_urlsafe", "secrets.token_bytes",
})


def check(ctx, child_readers, parent_reads) -> None:
    """`child_readers(ctx, name)`: the children that read the global; `parent_reads(ctx, name)`: whether the
    parent reads it at run time (both from rules/state.py, which calls this)."""
    for stmt in ctx.tree.body:
        if not (type(stmt) is ast.Assign and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name):
            continue
        made = _per_call(ctx, stmt.value)
        if made is None:
            continue
        name = stmt.targets[0].id
        if not parent_reads(ctx, name) or not child_readers(ctx, name, setting_too=True):
            continue
        ctx.report("MP302", stmt, f"`{name}` is computed at import by {made}(), which gives another value at each "
                   f"import: a spawned child imports the module again and gets its own `{name}`, not the parent's",
                   ctx.breaks(None, lambda m: m != "fork"))


def _per_call(ctx, value):
    """The per-call function whose result the value is (directly, or as part of a string or path built from
    it: `os.path.join(tempfile.mkdtemp(), "out")`), else None."""
    for node in nodes_in(value):
        if type(node) is ast.Call:
            qualified = ctx.imports.qualify(node.func)
            if qualified in PER_CALL:
                return qualified
    return None
