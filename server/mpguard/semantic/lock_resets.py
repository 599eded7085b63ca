"""Locks a forked child makes anew before it uses them: its first statements give the objects fresh locks.

    def extract(worker):                       # a Process target
        restorelog.reinit_locks(worker.log)    # -> handler.reinit_lock() -> self.sink_lock = threading.Lock()
        worker()                               # logs: emit() takes self.sink_lock, the fresh one

A lock another thread of the parent held at the fork stays held in the child's copy; a child that binds a new lock
where the old one was, before anything of it can take one, never waits for the copy (Qubes' "re-initialise locks in
the logging module" after fork; what `os.register_at_fork(after_in_child=...)` hooks do, semantic/threads.py).

A reset is a statement that binds a new `threading.Lock()`/`RLock()` to an attribute (`x.sink_lock = ...`) or to a
module global it declares `global`, calls `x.createLock()` (logging.Handler: a new `x.lock`) or
`x.name._at_fork_reinit()`, or calls a function of the project (this module or another) whose whole body is such
statements (loops, and `if`s whose test calls nothing but `isinstance`/`hasattr`: a type test picks the objects
that have the lock; under any other test only what both branches re-make counts), a method too
(`handler.reinit_lock()`: every method of that name in the module is one). The keys: `attr:<name>` for an
attribute (whatever object holds it: precision first, a lock of that name is taken as re-made), `global:<module>.<name>`.

Only the leading statements of the child's first code are read (a Process target, a Pool's initializer): a reset
after anything else may come after a use of the old lock."""
from __future__ import annotations

import ast

from mpguard.semantic.fact_trees import fact_tree
from mpguard.semantic.servers import module_imports

RESETS_FACT = "lock-resets"
LOCK_MAKERS = frozenset({"threading.Lock", "threading.RLock"})
TESTS = frozenset({"isinstance", "hasattr"})
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
DEPTH = 4  # calls of the project's functions followed from the child's statement


def resets_fact(data: bytes, path: str, module: str, resolver=None) -> dict:
    """{"resets": {function or Class.method: [keys]}, "takes": [keys of the locks the module's code takes]} of a
    project module, read from its syntax alone (a fact of the project index)."""
    try:
        tree = fact_tree(data, path, resolver)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    return module_resets(tree, module, module_imports(tree, module, path).qualify)


def module_resets(tree: ast.Module, module: str, qualify) -> dict:
    reader = _Reader(tree, module, qualify, None)
    resets = {}
    for name, func in reader.functions.items():
        keys = reader.function(func, 0)
        if keys:
            resets[name] = sorted(keys)
    for method, funcs in reader.methods.items():
        found = [reader.function(f, 0) for f in funcs]
        if all(found):
            for cls_name, f in reader.owners[method]:
                resets[f"{cls_name}.{method}"] = sorted(set().union(*found))
    return {"resets": resets, "takes": sorted(taken_locks(tree, module, qualify))}


def leading_resets(func, tree: ast.Module, module: str, qualify, other) -> frozenset:
    """The keys the leading statements of `func` (a def of `tree`) re-make before anything else runs; `other`:
    qualified name -> the keys a project function of another module resets (None: not one)."""
    reader = _Reader(tree, module, qualify, other)
    declared = {n for g in ast.walk(func) if isinstance(g, ast.Global) for n in g.names}
    out: set = set()
    for stmt in func.body:
        if _docstring(stmt) or isinstance(stmt, ast.Global):
            continue
        keys = reader.statement(stmt, 0, declared)
        if not keys:
            break
        out |= keys
    return frozenset(out)


def taken_locks(tree: ast.Module, module: str, qualify) -> set:
    """Keys of what the module's code takes: `with x.name:` and `x.name.acquire()` (`attr:name`), a module global
    (`global:<module>.<name>`). Any attribute entered by `with` counts (a lock or not: more keys, fewer
    findings dropped)."""
    top = {t.id for s in tree.body if isinstance(s, ast.Assign) for t in s.targets if type(t) is ast.Name}
    out = set()
    for node in ast.walk(tree):
        exprs = [i.context_expr for i in node.items] if isinstance(node, (ast.With, ast.AsyncWith)) else \
            [node.func.value] if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr == "acquire" else []
        for expr in exprs:
            if isinstance(expr, ast.Attribute):
                out.add("attr:" + expr.attr)
            elif type(expr) is ast.Name and expr.id in top:
                out.add(f"global:{module}.{expr.id}")
    return out


class _Reader:
    def __init__(self, tree, module, qualify, other):
        self.module = module
        self.qualify = qualify
        self.other = other
        self.functions = {f.name: f for f in tree.body if isinstance(f, FUNCS)}
        self.methods: dict = {}
        self.owners: dict = {}
        for cls in tree.body:
            if isinstance(cls, ast.ClassDef):
                for f in cls.body:
                    if isinstance(f, FUNCS):
                        self.methods.setdefault(f.name, []).append(f)
                        self.owners.setdefault(f.name, []).append((cls.name, f))
        self.memo: dict = {}
        self.active: set = set()

    def function(self, func, depth) -> frozenset:
        """The keys `func` resets when its whole body is resets, else empty."""
        if id(func) in self.memo:
            return self.memo[id(func)]
        if id(func) in self.active or depth > DEPTH:
            return frozenset()
        self.active.add(id(func))
        declared = {n for g in ast.walk(func) if isinstance(g, ast.Global) for n in g.names}
        out: set = set()
        try:
            for stmt in func.body:
                if _docstring(stmt) or isinstance(stmt, (ast.Pass, ast.Global)):
                    continue
                keys = self.statement(stmt, depth, declared)
                if not keys:
                    out = set()
                    break
                out |= keys
        finally:
            self.active.discard(id(func))
        self.memo[id(func)] = frozenset(out)
        return self.memo[id(func)]

    def statement(self, stmt, depth, declared=frozenset()) -> frozenset:
        """The keys one statement resets, empty when it may do anything else."""
        if isinstance(stmt, ast.Assign) and _new_lock(self.qualify, stmt.value) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Attribute) and _plain(target.value):
                return frozenset({"attr:" + target.attr})
            if type(target) is ast.Name and target.id in declared:
                return frozenset({f"global:{self.module}.{target.id}"})
            return frozenset()
        if isinstance(stmt, ast.For) and type(stmt.target) is ast.Name and not stmt.orelse \
                and _calls_nothing(stmt.iter, frozenset()):
            return self._block(stmt.body, depth, declared)
        if isinstance(stmt, ast.If) and _calls_nothing(stmt.test, TESTS):
            # a type test picks the objects that have the lock (`isinstance(handler, ProgressHandler)`); any other
            # test may skip the reset: only what both branches re-make counts
            body = self._block(stmt.body, depth, declared)
            rest = self._block(stmt.orelse, depth, declared) if stmt.orelse else None
            if _type_test(stmt.test):
                return body | rest if body and rest is not None else body if rest is None else frozenset()
            return body & rest if rest is not None else frozenset()
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            return self.call(stmt.value, depth)
        return frozenset()

    def _block(self, body, depth, declared) -> frozenset:
        out: set = set()
        for stmt in body:
            if isinstance(stmt, ast.Pass):
                continue
            keys = self.statement(stmt, depth, declared)
            if not keys:
                return frozenset()
            out |= keys
        return frozenset(out)

    def call(self, call, depth) -> frozenset:
        if any(not _calls_nothing(a, frozenset()) for a in (*call.args, *(k.value for k in call.keywords))):
            return frozenset()
        func = call.func
        if isinstance(func, ast.Attribute) and not call.args and not call.keywords and _plain(func.value):
            if func.attr == "createLock":
                return frozenset({"attr:lock"})  # (logging.Handler.createLock: a new `self.lock`)
            if func.attr == "_at_fork_reinit":
                receiver = func.value
                return frozenset({"attr:" + receiver.attr}) if isinstance(receiver, ast.Attribute) else \
                    frozenset({f"global:{self.module}.{receiver.id}"}) if type(receiver) is ast.Name else frozenset()
        if type(func) is ast.Name and func.id in self.functions:
            return self.function(self.functions[func.id], depth + 1)
        qualified = self.qualify(func)
        if qualified and self.other is not None:
            found = self.other(qualified)
            if found:
                return frozenset(found)
        if isinstance(func, ast.Attribute) and _plain(func.value) and func.attr in self.methods \
                and qualified is None:
            found = [self.function(f, depth + 1) for f in self.methods[func.attr]]
            return frozenset().union(*found) if all(found) else frozenset()
        return frozenset()


def _type_test(test) -> bool:
    """`isinstance(x, C)` / `hasattr(x, "lock")`, or an `and` of them."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return all(_type_test(v) for v in test.values)
    return isinstance(test, ast.Call) and type(test.func) is ast.Name and test.func.id in TESTS


def _docstring(stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)


def _plain(expr) -> bool:
    """A name or a chain of attributes of one (`handler`, `self.log.handler`): reading it calls nothing of ours."""
    while isinstance(expr, ast.Attribute):
        expr = expr.value
    return type(expr) is ast.Name


def _calls_nothing(expr, allowed) -> bool:
    return all(not isinstance(n, (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr, ast.Lambda))
               or isinstance(n, ast.Call) and type(n.func) is ast.Name and n.func.id in allowed
               for n in ast.walk(expr))


def _new_lock(qualify, value) -> bool:
    return isinstance(value, ast.Call) and not value.args and not value.keywords \
        and qualify(value.func) in LOCK_MAKERS
