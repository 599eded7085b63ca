"""MP418: the parent keeps its own copy of the pipe end it handed to a child, then reads the other end until
EOFError, which never comes (Bogdanp/dramatiq PR 707).

    read_conn, write_conn = multiprocessing.Pipe(duplex=False)
    proc = multiprocessing.Process(target=worker, args=(write_conn,))
    proc.start()                      # the child gets its own copy of write_conn
    while True:
        try:
            lines.append(read_conn.recv())
        except EOFError:              # raised once every copy of the sending end is closed
            break

`recv()` raises EOFError only when no process holds the sending end any more. The child closes its copy when it
exits, but the parent's `write_conn` stays open as long as the name holds it, so the loop waits forever once the
child is done. The fix closes the parent's copy right after `start()`.

Said only on evidence, in the function that makes the pipe and starts the child (`F`, or the module's own code):

- the end the child is given is a name `F` binds by unpacking `Pipe(...)` (the sending end of a `duplex=False`
  pipe), handed in `Process(args=(...))`, and `F` does nothing else with that name (no `close()`, no `del`, not
  stored, sent, or bound again elsewhere): the name keeps the end open until `F` returns;
- the Process is started in `F`, and the other end of the same pipe is read by `recv()` after that start, in `F` or
  in a function `F` calls after it (a few calls deep, so `F` has not returned), in the parent;
- that `recv()` sits in a `while True:` loop that only EOFError ends: a handler catching EOFError (by name, a base,
  or bare) around the read or around the loop, and no other `break`, `return`, `raise` or exit call in the loop.
"""
from __future__ import annotations

import ast

from mpguard.rules.lifecycle import all_ops
from mpguard.rules.registry import Rule, register
from mpguard.semantic import values as V
from mpguard.semantic.local_values import own_nodes
from mpguard.semantic.platforms import ALL_METHODS

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
SCOPES = (*FUNCS, ast.Lambda, ast.ClassDef)
READS = ("recv", "recv_bytes")
CATCH_EOF = frozenset({"EOFError", "Exception", "BaseException"})
EXITS = frozenset({"exit", "_exit", "quit", "abort"})  # sys.exit(), os._exit(), exit(), os.abort()
DEPTH = 3  # calls followed from the function that starts the child to the read

PIPE_END_KEPT = register(Rule(
    "MP418", "pipe-end-kept-by-parent",
    "The parent keeps its copy of the pipe end it gave a child, then reads the other end until EOFError",
    ALL_METHODS, {m: "No exception: recv() raises EOFError only once every copy of the sending end is closed; the "
                  "parent still holds one, so after the child exits the read waits forever (hang)"
                  for m in ("fork", "spawn", "forkserver")},
    severity="error", fix_title="Close the parent's copy of the end given to the child right after start() "
    "(`conn.close()`)",
))


def check(ctx) -> None:
    reads = [op for op in all_ops(ctx) if op.name in READS and op.obj.kind == "PipeEnd" and ctx.in_parent(op.where)]
    if not reads:
        return
    for creation in ctx.facts.creations:
        function = creation.where.function
        if creation.kind != "Process" or not (function is None or type(function) in FUNCS) or not creation.args \
                or not ctx.in_parent(creation.where):
            continue
        for position, (expr, value) in enumerate(creation.args):
            end = ctx.flow.resolve(value) if value is not None else None
            name = _handed_name(expr, position)
            if type(end) is not V.MPObject or end.kind != "PipeEnd" or name is None \
                    or not _only_handed(ctx, function, name, end, creation):
                continue
            start = next((s for s in ctx.facts.starts if s.obj is creation.value and s.where.function is function),
                         None)
            read = _waiting_read(ctx, reads, end, function, start) if start is not None else None
            if read is None:
                continue
            ctx.report("MP418", start.node,
                       f"the parent keeps its own copy of `{name}`, the pipe end this child is given (line "
                       f"{creation.node.lineno}), open while line {read.node.lineno} reads the other end until "
                       f"EOFError; EOFError comes only once every copy is closed, so after the child exits the "
                       f"read waits forever: close `{name}` in the parent right after start()",
                       ALL_METHODS, related=((read.node, "reads until EOFError, which never comes"),))
            break


def _handed_name(expr, position: int) -> str | None:
    """The name written for the `position`-th item of a Process's `args=(...)` (None: not a plain name)."""
    items = expr.elts if type(expr) in (ast.Tuple, ast.List) else None
    if items is None or any(type(i) is ast.Starred for i in items) or position >= len(items):
        return None
    item = items[position]
    return item.id if type(item) is ast.Name else None


def _only_handed(ctx, function, name: str, end: V.MPObject, creation) -> bool:
    """Does `function` bind `name` once, by unpacking the Pipe(...) call that made `end` (as its sending end when the
    pipe is one-way), and use it only in the Process's arguments?"""
    pipe = end.node
    unpacked = None
    # (at the module's level, every use of the global counts: a function may close it)
    for node in own_nodes(function) if function is not None else ast.walk(ctx.tree):
        if type(node) in (ast.Global, ast.Nonlocal) and name in node.names:
            return False
        if type(node) is ast.Name and node.id == name:
            if type(node.ctx) is ast.Load and ctx.inside(node, creation.node):
                continue
            owner = ctx.parents.get(node)
            statement = ctx.parents.get(owner)
            if type(node.ctx) is ast.Store and unpacked is None and type(owner) is ast.Tuple \
                    and type(statement) is ast.Assign and statement.value is pipe and statement.targets == [owner]:
                unpacked = owner.elts.index(node)
                continue
            return False  # closed, deleted, stored, sent, or bound again: its life is not the function's
    if unpacked is None or len(pipe.args) + len(pipe.keywords) > 1:
        return False
    duplex = next((k.value for k in pipe.keywords if k.arg == "duplex"), pipe.args[0] if pipe.args else None)
    one_way = type(duplex) is ast.Constant and duplex.value is False
    return unpacked == 1 if one_way else unpacked in (0, 1) and (duplex is None or type(duplex) is ast.Constant)


def _waiting_read(ctx, reads, end: V.MPObject, function, start):
    """A read of the other end of `end`'s pipe, in a loop only EOFError ends, that runs after `start` while
    `function` is still running: in it, or in a function it calls after the start."""
    peers = [op for op in reads if op.obj.node is end.node and op.obj is not end]
    if not peers:
        return None
    reached = _called_after(ctx, function, start.where.order)
    for read in peers:
        owner = read.where.function
        if owner is function and read.where.order <= start.where.order:
            continue
        if (owner is function or owner in reached) and _eof_only_loop(ctx, read.node):
            return read
    return None


def _called_after(ctx, function, order: int) -> set:
    """The functions `function` calls after the statement at `order`, and those they call, DEPTH calls deep."""
    info = ctx.facts.functions.get(function)
    found = set()
    frontier = [d for value, _call, where in (info.calls if info is not None else ()) if where.order > order
                for d in ctx.definitions_of(value)]
    for _ in range(DEPTH):
        frontier = [f for f in frontier if f not in found and f is not function]
        found.update(frontier)
        frontier = [d for f in frontier for d in ctx.callees(f)]
    return found


def _eof_only_loop(ctx, read) -> bool:
    """Is `read` in a `while True:` loop of its function that only an EOFError ends: a handler that catches it around
    the read (inside the loop) or around the loop, and no other way out of the loop?"""
    loop, node = None, ctx.parents.get(read)
    while node is not None and type(node) not in SCOPES:
        if type(node) in (ast.For, ast.AsyncFor):
            return False
        if type(node) is ast.While:
            loop = node
            break
        node = ctx.parents.get(node)
    if loop is None or loop.orelse or not _always_true(loop.test):
        return False
    handlers = _eof_handlers(ctx, read, loop)  # (inside the loop, around the read)
    if not handlers and not _eof_handlers(ctx, loop, None):
        return False
    for node in _loop_nodes(loop):
        if type(node) in (ast.Break, ast.Return, ast.Raise) and not any(ctx.inside(node, h) for h in handlers):
            if type(node) is not ast.Break or _innermost_loop(ctx, node) is loop:
                return False
        if type(node) in (ast.Yield, ast.YieldFrom, ast.Await):
            return False  # (the caller may stop consuming, or the event loop run something else)
        if type(node) is ast.Call and _exit_call(node.func):
            return False
    return True


def _always_true(test) -> bool:
    return type(test) is ast.Constant and bool(test.value)


def _eof_handlers(ctx, node, stop) -> list:
    """The handlers catching EOFError of the `try` statements around `node` (up to `stop`, or its function)."""
    out, child, parent = [], node, ctx.parents.get(node)
    while parent is not None and parent is not stop and type(parent) not in SCOPES:
        if type(parent) in (ast.Try, getattr(ast, "TryStar", ast.Try)) and any(child is s for s in parent.body):
            out += [h for h in parent.handlers if _catches_eof(h.type)]
        child, parent = parent, ctx.parents.get(parent)
    return out


def _catches_eof(kind) -> bool:
    if kind is None:
        return True
    if type(kind) is ast.Tuple:
        return any(_catches_eof(k) for k in kind.elts)
    name = kind.attr if type(kind) is ast.Attribute else getattr(kind, "id", None)
    return name in CATCH_EOF


def _loop_nodes(loop):
    """The nodes of the loop's body and test, not those of a def, lambda or class nested in it."""
    stack = [loop.test, *loop.body]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(c for c in ast.iter_child_nodes(node) if type(c) not in SCOPES)


def _innermost_loop(ctx, node):
    node = ctx.parents.get(node)
    while node is not None and type(node) not in (ast.For, ast.AsyncFor, ast.While):
        node = ctx.parents.get(node)
    return node


def _exit_call(func) -> bool:
    name = func.attr if type(func) is ast.Attribute else getattr(func, "id", None)
    return name in EXITS
