"""Threads whose every lock-taking step runs under one module-level RLock (MP423, rules/threads.py).

    print_lock = threading.RLock()
    def write(message):
        with print_lock:                          # all the thread does that may hold a lock
            sys.stdout.write(message)
    def start_heartbeat(steps):
        stop = threading.Event()
        def beat():
            while not stop.is_set():
                write("heartbeat: %s" % ",".join(sorted(steps)))
                stop.wait(1.0)
        threading.Thread(target=beat, daemon=True).start()

A process forked while the forking thread holds `print_lock` (`with dag_log.print_lock: p.start()`, czid-dag's
"acquire lock before fork") finds that thread outside every `with print_lock:` block: what it does there takes no
lock (an Event of its own starter, pure builtins), so it holds nothing the child could need; the child's only
thread owns the RLock and can take it again. `serialised_starts` names, per line of a thread start of a module,
the module's RLocks that serialise its target so; the rule checks the fork holds one of them.

Precision first: the target must be a def of the module (nested in the starter or at its top), every call it makes
outside the lock a pure builtin, a catalog lock-free call (data/boundaries.json `thread_lock_free`), a method of a
`threading.Event()` its starter made, or a top-level def of the module judged the same way (a few calls deep); it
must take the lock itself; anything else (another `with`, a library call, a closure, a yield) gives nothing.
"""
from __future__ import annotations

import ast

from mpguard.semantic.servers import module_imports
from mpguard.semantic.threads import lock_free_calls, top_bound
from mpguard.semantic.fact_trees import fact_tree

SERIALISED_FACT = "serialised-thread-starts"
RLOCKS = frozenset({"threading.RLock"})
THREAD_MAKERS = frozenset({"threading.Thread"})
EVENT_METHODS = frozenset({"set", "clear", "is_set", "wait"})
# builtins that run pure code on the values they are given (no lock a forked child could need)
PURE_BUILTINS = frozenset({"sorted", "len", "str", "repr", "int", "float", "bool", "min", "max", "sum", "range",
                           "list", "tuple", "dict", "set", "enumerate", "zip", "isinstance", "abs", "round"})
FORBIDDEN = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.Await, ast.Yield, ast.YieldFrom,
             ast.AsyncWith, ast.Global, ast.Nonlocal, ast.With)
DEPTH = 4
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def serialised_fact(data: bytes, path: str, module: str, resolver=None) -> dict:
    """`serialised_starts` of another project module, keyed by the line as a string (the index keeps JSON)."""
    try:
        tree = fact_tree(data, path, resolver)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    return {str(line): names for line, names in serialised_starts(tree, module_imports(tree, module, path).qualify).items()}


def serialised_starts(tree: ast.Module, qualify) -> dict[int, list[str]]:
    """{line of a `<thread>.start()`: [names of the module's RLocks under which its target takes every lock]}."""
    rlocks = {t.id for s in tree.body if type(s) is ast.Assign and type(s.value) is ast.Call
              and qualify(s.value.func) in RLOCKS for t in s.targets if type(t) is ast.Name}
    if not rlocks:
        return {}
    top = {s.name: s for s in tree.body if isinstance(s, FUNCS)}
    bound = top_bound(tree)
    out = {}
    for starter in (n for n in ast.walk(tree) if isinstance(n, FUNCS)):
        threads, events = _made_in(starter, qualify)
        for node in ast.walk(starter):
            if not (type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "start"
                    and not node.args and not node.keywords):
                continue
            receiver = node.func.value
            made = receiver if _thread_call(receiver, qualify) else threads.get(getattr(receiver, "id", None))
            target = _target(made, starter, top)
            if target is None:
                continue
            names = [lock for lock in sorted(rlocks)
                     if _Judge(lock, top, events, bound, qualify).serialised(target)]
            if names:
                out[node.lineno] = names
    return out


def _thread_call(node, qualify) -> bool:
    return type(node) is ast.Call and qualify(node.func) in THREAD_MAKERS


def _made_in(func, qualify) -> tuple[dict, frozenset]:
    """({name: Thread(...) call} bound once in `func`, names bound once, only to `threading.Event()`)."""
    assigned: dict = {}
    for node in ast.walk(func):
        if type(node) is ast.Assign:
            for target in node.targets:
                if type(target) is ast.Name:
                    assigned.setdefault(target.id, []).append(node.value)
        elif type(node) in (ast.AugAssign, ast.AnnAssign, ast.For, ast.NamedExpr) \
                and type(getattr(node, "target", None)) is ast.Name:
            assigned.setdefault(node.target.id, []).append(None)
    threads = {name: values[0] for name, values in assigned.items()
               if len(values) == 1 and _thread_call(values[0], qualify)}
    events = frozenset(name for name, values in assigned.items() if len(values) == 1 and type(values[0]) is ast.Call
                       and not values[0].args and qualify(values[0].func) == "threading.Event")
    return threads, events


def _target(made, starter, top):
    """The def a `threading.Thread(target=<name>)` runs: nested in the starter, else at the module's top."""
    if made is None or made.args:
        return None
    target = next((k.value for k in made.keywords if k.arg == "target"), None)
    if type(target) is not ast.Name:
        return None
    nested = [n for n in starter.body if isinstance(n, FUNCS) and n.name == target.id]
    if nested:
        return nested[-1]
    return top.get(target.id)


class _Judge:
    def __init__(self, lock: str, top: dict, events: frozenset, bound: frozenset, qualify):
        self.lock, self.top, self.events, self.bound, self.qualify = lock, top, events, bound, qualify
        self.took = False
        self.active: set = set()

    def serialised(self, func) -> bool:
        return self._function(func, 0) and self.took

    def _function(self, func, depth: int) -> bool:
        if id(func) in self.active:
            return True
        if depth > DEPTH or func.args.vararg or func.args.kwarg:
            return False
        self.active.add(id(func))
        params = {a.arg for a in (*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs)}
        try:
            return all(self._node(stmt, params, depth) for stmt in func.body)
        finally:
            self.active.discard(id(func))

    def _node(self, node, params, depth: int) -> bool:
        if type(node) is ast.With and all(item.optional_vars is None and type(item.context_expr) is ast.Name
                                          and item.context_expr.id == self.lock and self.lock not in params
                                          for item in node.items):
            self.took = True
            return True  # (no other thread is inside while the forking thread holds the lock)
        if isinstance(node, FORBIDDEN):
            return False
        if type(node) is ast.Name and type(node.ctx) is not ast.Load and node.id == self.lock:
            return False
        if type(node) is ast.Call and not self._call(node, params, depth):
            return False
        return all(self._node(child, params, depth) for child in ast.iter_child_nodes(node))

    def _call(self, node: ast.Call, params, depth: int) -> bool:
        func = node.func
        if type(func) is ast.Name:
            if func.id in params:
                return False
            if func.id not in self.bound:
                return func.id in PURE_BUILTINS or _lock_free(f"builtins.{func.id}")
            called = self.top.get(func.id)
            if type(called) is ast.FunctionDef:
                return self._function(called, depth + 1)
            return _lock_free(self.qualify(func))
        if type(func) is not ast.Attribute:
            return False
        receiver = func.value
        if type(receiver) is ast.Constant and isinstance(receiver.value, str):
            return True  # `",".join(...)`, `"%s".format(...)`: a string's own pure methods
        if type(receiver) is ast.Name and receiver.id in self.events and receiver.id not in params:
            return func.attr in EVENT_METHODS
        return _lock_free(self.qualify(func))


def _lock_free(qualified) -> bool:
    entry = lock_free_calls().get(qualified) if qualified else None
    return entry is not None and entry.get("reads") is None
