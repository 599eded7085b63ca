"""Calls that leave threads running: the catalog's thread starters (`thread_starters` in
data/boundaries.json: thread pools, gRPC channels) and `os.fork()` itself.

`threading.Thread(...).start()` is already a fact (facts.starts, kind "Thread"); this module records
the rest as effects, so that a rule can ask which threads are alive when the process forks (MP423).
Data, not code: a new library that starts threads is an entry in the catalog."""
from __future__ import annotations

import ast
from functools import lru_cache

from mpguard.semantic.boundaries import section
from mpguard.semantic.facts import Effect
from mpguard.semantic.servers import module_imports
from mpguard.semantic.fact_trees import fact_tree

FORKS = frozenset({"os.fork", "os.forkpty"})


@lru_cache(maxsize=1)
def _starters() -> dict[str, tuple[str, dict]]:
    out = {}
    for qualified, entry in section("thread_starters").items():
        for name in (qualified, *entry.get("names", ())):
            out[name] = (qualified, entry)
    return out


def thread_starter(qualified: str | None):
    """(catalog name, entry) of a call that starts threads, else None."""
    return _starters().get(qualified) if qualified else None


def record(facts, call, qualified: str | None, where) -> None:
    """Effects "thread-starter" (detail: (catalog name, entry)) and "os.fork" for a call of `qualified`."""
    if qualified in FORKS:
        facts.effects.append(Effect("os.fork", call, where, qualified))
        return
    found = thread_starter(qualified)
    if found is not None:
        facts.effects.append(Effect("thread-starter", call, where, found))


def recreated_at_fork(tree, qualify) -> frozenset:
    """Module lock names an `os.register_at_fork(after_in_child=hook)` call of the module's top level re-creates
    in a forked child: the hook, a def of this module, says `global name` and assigns `name = threading.Lock()`
    (or RLock) to a name first bound so at the top level, and bound nowhere else. `qualify`: an expression's
    qualified name (names.ImportMap.qualify)."""
    defs = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
    locks = {t.id for stmt in tree.body if isinstance(stmt, ast.Assign) and _new_lock(qualify, stmt.value)
             for t in stmt.targets if type(t) is ast.Name}
    found: set = set()
    for stmt in tree.body:
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if not (isinstance(call, ast.Call) and qualify(call.func) == "os.register_at_fork"):
            continue
        for keyword in call.keywords:
            hook = defs.get(keyword.value.id) if keyword.arg == "after_in_child" and type(keyword.value) is ast.Name \
                else None
            if hook is None:
                continue
            declared = {n for g in ast.walk(hook) if isinstance(g, ast.Global) for n in g.names}
            found |= {t.id for s in hook.body if isinstance(s, ast.Assign) and _new_lock(qualify, s.value)
                      for t in s.targets if type(t) is ast.Name and t.id in declared and t.id in locks}
    if not found:
        return frozenset()
    stores: dict = {}  # (the first binding and the hook's: a name bound anywhere else is not known to be that lock)
    for node in ast.walk(tree):
        if type(node) is ast.Name and type(node.ctx) is not ast.Load:
            stores[node.id] = stores.get(node.id, 0) + 1
    return frozenset(n for n in found if stores.get(n) == 2)


def _new_lock(qualify, value) -> bool:
    return isinstance(value, ast.Call) and not value.args and not value.keywords \
        and qualify(value.func) in ("threading.Lock", "threading.RLock")


@lru_cache(maxsize=1)
def lock_free_calls() -> dict[str, dict]:
    """Qualified call -> entry, for calls a thread may be inside at a fork and hold nothing a forked child could
    need (`thread_lock_free`; builtins spelt `builtins.<name>`)."""
    return {k: v for k, v in section("thread_lock_free").items() if isinstance(v, dict)}


RECREATED_FACT = "recreated-at-fork"


def recreated_fact(data: bytes, path: str, module: str, resolver) -> tuple:
    """(`recreated_at_fork`, `top_bound`) of another project module, built for the project index
    (`module_fact`): a thread that calls into it may hold such a lock, and the forked child makes it anew."""
    try:
        tree = fact_tree(data, path, resolver)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return frozenset(), None
    return recreated_at_fork(tree, module_imports(tree, module, path).qualify), top_bound(tree)


def top_bound(tree) -> frozenset:
    """Every name the module binds anywhere (a name bound nowhere, called, is a builtin)."""
    out = set()
    for node in ast.walk(tree):
        if type(node) is ast.Name and type(node.ctx) is not ast.Load:
            out.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            out.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, ast.arg):
            out.add(node.arg)
    return frozenset(out)
