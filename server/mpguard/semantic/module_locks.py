"""Another project module's own locks: which of its functions take a module-level lock, and which start a thread
that takes one (rules/state.py, MP305 across modules).

    _LOCK = threading.Lock()                   # rz7kit/logsink.py
    def write(msg):                            # takes _LOCK
        with _LOCK: ...
    def _flush_forever(delay):                 # takes _LOCK (and sleeps holding it)
        while True:
            with _LOCK: time.sleep(delay)
    def start_flusher():                       # starts a thread that takes _LOCK, and leaves it running
        threading.Thread(target=_flush_forever, daemon=True).start()

A program that calls `logsink.start_flusher()` and later forks a child whose code calls `logsink.write()` may fork
while the thread holds `_LOCK`: the child's copy stays locked. Read from the module's syntax alone, as a fact of the
project index (`lock_fact`). A lock the module re-creates in a forked child (`os.register_at_fork`) is not one;
a thread the function joins before it returns is not left running."""
from __future__ import annotations

import ast

from mpguard.semantic.servers import module_imports
from mpguard.semantic.threads import recreated_at_fork
from mpguard.semantic.thread_classes import made_thread_class, thread_classes
from mpguard.semantic.fact_trees import fact_tree
from mpguard.semantic.local_values import own_nodes as _own_nodes

LOCKS_FACT = "module-locks"
SERIALISED_LOCKS_FACT = "fork-serialised-locks"
LOCK_MAKERS = frozenset({"threading.Lock", "threading.RLock"})
THREAD_MAKERS = frozenset({"threading.Thread"})
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
DEPTH = 4  # calls of the module's own functions followed


def lock_fact(data: bytes, path: str, module: str, resolver=None) -> dict:
    """{"takes": {function: [locks]}, "threads": {function: [locks its left-running thread takes]}}."""
    try:
        tree = fact_tree(data, path, resolver)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    return module_locks(tree, module_imports(tree, module, path).qualify)


def module_locks(tree: ast.Module, qualify) -> dict:
    locks = set()
    for stmt in tree.body:
        if type(stmt) is ast.Assign and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name \
                and type(stmt.value) is ast.Call and qualify(stmt.value.func) in LOCK_MAKERS:
            locks.add(stmt.targets[0].id)
    locks -= recreated_at_fork(tree, qualify)
    if not locks:
        return {}
    functions = {f.name: f for f in tree.body if isinstance(f, FUNCS)}
    # the run() of each Thread subclass of the module, by "Class.run": what a thread made from that class takes
    threads_of = thread_classes(tree, qualify)
    functions.update({f"{name}.run": run for name, run in threads_of.items()})
    direct, calls = {}, {}
    for name, func in functions.items():
        bound = _bound(func)
        direct[name] = {lock for lock in _taken(func) if lock in locks and lock not in bound}
        calls[name] = {n.func.id for n in _own_nodes(func) if type(n) is ast.Call and type(n.func) is ast.Name
                       and n.func.id in functions and n.func.id not in bound}
    takes = {name: _closure(name, direct, calls) for name in functions}
    threads = {}
    for name, func in functions.items():
        held = set()
        for target in _left_running(func, qualify, threads_of):
            held |= takes.get(target, set())
        if held:
            threads[name] = sorted(held)
    return {"takes": {n: sorted(t) for n, t in takes.items() if t}, "threads": threads}


def serialised_at_fork(tree: ast.Module, qualify) -> list:
    """The qualified names of the locks an `os.register_at_fork(before=X.acquire, after_in_child=X.release, ...)`
    call of the module's top level (also under an `if`) takes around every fork (h5py's fix for `phil`, PR #2585):
    the forking thread waits for the lock, so no other thread holds it at the fork, and the child releases it."""
    out = set()
    for node in _top_level_calls(tree):
        if qualify(node.func) != "os.register_at_fork":
            continue
        hooks = {k.arg: k.value for k in node.keywords}
        before, child = hooks.get("before"), hooks.get("after_in_child")
        if type(before) is ast.Attribute and before.attr == "acquire" and type(child) is ast.Attribute \
                and child.attr == "release" and ast.unparse(before.value) == ast.unparse(child.value):
            lock = qualify(before.value)
            if lock:
                out.add(lock)
    return sorted(out)


def serialised_fact(data: bytes, path: str, module: str, resolver=None) -> list:
    """`serialised_at_fork` of another project module."""
    try:
        tree = fact_tree(data, path, resolver)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    return serialised_at_fork(tree, module_imports(tree, module, path).qualify)


def _top_level_calls(tree: ast.Module):
    """The calls of the module's own top-level statements (also those under `if`/`try` there)."""
    stack = list(tree.body)
    while stack:
        stmt = stack.pop()
        if isinstance(stmt, (ast.If, ast.Try)):
            stack.extend(stmt.body)
            stack.extend(stmt.orelse)
            stack.extend(getattr(stmt, "finalbody", ()))
        elif isinstance(stmt, ast.Expr) and type(stmt.value) is ast.Call:
            yield stmt.value


def _closure(name: str, direct: dict, calls: dict) -> set:
    out, frontier, seen = set(direct[name]), [name], {name}
    for _ in range(DEPTH):
        frontier = [c for f in frontier for c in calls.get(f, ()) if c not in seen]
        seen.update(frontier)
        for callee in frontier:
            out |= direct.get(callee, set())
    return out



def _bound(func) -> set:
    """Names the def binds itself (a lock of that name is its own, not the module's), unless declared global."""
    args = func.args
    out = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
    declared = set()
    for node in _own_nodes(func):
        if type(node) is ast.Name and type(node.ctx) is ast.Store:
            out.add(node.id)
        elif type(node) is ast.Global:
            declared.update(node.names)
    return out - declared


def _taken(func) -> set:
    """Names `with NAME:` enters or `NAME.acquire()` calls in the def."""
    out = set()
    for node in _own_nodes(func):
        if isinstance(node, (ast.With, ast.AsyncWith)):
            out.update(i.context_expr.id for i in node.items if type(i.context_expr) is ast.Name)
        elif type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "acquire" \
                and type(node.func.value) is ast.Name:
            out.add(node.func.value.id)
    return out


def _left_running(func, qualify, threads_of: dict) -> list:
    """The module functions run by threads the def starts and does not join: `Thread(target=f).start()`, or
    `t = Thread(target=f, ...)` then `t.start()`; "Class.run" for a Thread subclass of the module (`threads_of`)."""
    made, started, joined, direct = {}, set(), set(), []
    for node in _own_nodes(func):
        if type(node) is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Name:
            target = _thread_target(node.value, qualify, threads_of)
            if target is not None:
                made[node.targets[0].id] = target
        elif type(node) is ast.Call and type(node.func) is ast.Attribute and not node.args:
            receiver = node.func.value
            if node.func.attr == "start" and type(receiver) is ast.Call:
                target = _thread_target(receiver, qualify, threads_of)
                if target is not None:
                    direct.append(target)
            elif type(receiver) is ast.Name and node.func.attr in ("start", "join"):
                (started if node.func.attr == "start" else joined).add(receiver.id)
    return direct + [target for name, target in made.items() if name in started and name not in joined]


def _thread_target(value, qualify, threads_of: dict) -> str | None:
    """`f` of `threading.Thread(target=f, ...)` with `f` a name, "Class.run" of `Class(...)` for a Thread subclass of
    the module, else None."""
    made = made_thread_class(value, threads_of)
    if made is not None:
        return f"{made}.run"
    if type(value) is not ast.Call or qualify(value.func) not in THREAD_MAKERS:
        return None
    target = next((k.value for k in value.keywords if k.arg == "target"), None)
    return target.id if type(target) is ast.Name else None
