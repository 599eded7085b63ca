"""Methods of a project module's classes that hand work to the object's own ProcessPoolExecutor inside a `try` whose
handler catches BrokenProcessPool and keeps that executor (agronholm/apscheduler #362's ProcessPoolExecutor wrapper):

    class ProcessPoolJobExecutor:
        def __init__(self, max_workers=2, recreate_broken=False):
            self.recreate_broken = recreate_broken
        def start(self):
            self._pool = ProcessPoolExecutor(self.max_workers)
        def run_job(self, func, *args):
            try:
                return self._pool.submit(func, *args).result(timeout=60), None
            except BrokenProcessPool as exc:
                if self.recreate_broken:           # the one way a new executor is made
                    self._pool = ProcessPoolExecutor(self.max_workers)
                return None, exc

Once one worker died (killed by a signal, an `os._exit` in a task) the executor is broken for good: each later call of
the method on the same object fails at once. A caller that calls it in a loop gets every later turn failed
(rules/broken_pools). What is read, from the module's syntax alone (a fact of the project index, `kept_fact`): the
executor is an attribute some method of the class makes (`self._pool = ProcessPoolExecutor(...)`), the method never
stores that attribute outside the handler, the handler does not raise (the caller would see the error) and calls no
other method of the object (it may make a new executor); a store of the attribute in the handler sits under one test
of an attribute of the object (`if self.recreate_broken:`), whose other answer keeps the executor. Anything else: no
entry (precision first).
"""
from __future__ import annotations

import ast

from mpguard.semantic.local_values import own_nodes
from mpguard.semantic.servers import module_imports

KEPT_FACT = "kept-broken-executors"
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
EXECUTORS = frozenset({"concurrent.futures.ProcessPoolExecutor", "concurrent.futures.process.ProcessPoolExecutor"})
BROKEN = frozenset({"concurrent.futures.process.BrokenProcessPool", "concurrent.futures.BrokenExecutor",
                    "concurrent.futures._base.BrokenExecutor"})
HANDING = frozenset({"submit", "map"})


def kept_fact(data: bytes, path: str, module: str, resolver=None) -> dict:
    """{"Class.method": [line of the handler, line of the call handing the work, the attribute holding the executor,
    [[attribute, truth], ...] the object's attributes' answers under which the executor is kept (all of them)]}."""
    if b"Broken" not in (data if isinstance(data, bytes) else data.encode()):
        return {}  # (every spelling names the class: most modules)
    try:
        tree = resolver.syntax_tree(data, path) if hasattr(resolver, "syntax_tree") else ast.parse(data, path)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    qualify = module_imports(tree, module, path).qualify
    out = {}
    for cls in tree.body:
        if not isinstance(cls, ast.ClassDef):
            continue
        methods = [f for f in cls.body if isinstance(f, FUNCS) and f.args.args]
        made = {attr for f in methods for attr, value in _self_stores(f) if _executor(value, qualify)}
        for method in methods:
            found = _kept(method, made, qualify)
            if found is not None:
                out[f"{cls.name}.{method.name}"] = found
    return out


def _self_stores(function):
    """(attribute, value) of each `self.<attribute> = value` of the method (value None for other stores)."""
    me = function.args.args[0].arg
    for node in own_nodes(function):
        if type(node) is ast.Assign:
            for target in node.targets:
                if _on(target, me):
                    yield target.attr, node.value
        elif type(node) in (ast.AugAssign, ast.AnnAssign) and _on(node.target, me):
            yield node.target.attr, None


def _on(node, me: str) -> bool:
    return type(node) is ast.Attribute and type(node.value) is ast.Name and node.value.id == me


def _executor(value, qualify) -> bool:
    return type(value) is ast.Call and isinstance(value.func, (ast.Name, ast.Attribute)) \
        and qualify(value.func) in EXECUTORS


def _kept(method, made: set, qualify):
    me = method.args.args[0].arg
    for trial in (n for n in own_nodes(method) if type(n) is ast.Try):
        handler = next((h for h in trial.handlers if h.type is not None and any(
            isinstance(t, (ast.Name, ast.Attribute)) and qualify(t) in BROKEN
            for t in (h.type.elts if type(h.type) is ast.Tuple else [h.type]))), None)
        if handler is None:
            continue
        handed = next((n for s in trial.body for n in [s, *own_nodes_of(s)] if type(n) is ast.Call
                       and type(n.func) is ast.Attribute and n.func.attr in HANDING and _on(n.func.value, me)
                       and n.func.value.attr in made), None)
        if handed is None:
            continue
        attr = handed.func.value.attr
        inside = {id(n) for s in handler.body for n in [s, *own_nodes_of(s)]}
        if any(a == attr for a, _v in _stores_outside(method, me, inside)):
            return None  # (the method makes its executor itself)
        handler_nodes = [n for s in handler.body for n in [s, *own_nodes_of(s)]]
        if any(type(n) is ast.Raise for n in handler_nodes):
            return None  # (the caller sees the error)
        if any(type(n) is ast.Call and type(n.func) is ast.Attribute and _on(n.func, me) for n in handler_nodes):
            return None  # `self._restart()`: another method may make a new executor
        stores = [n for n in handler_nodes if type(n) is ast.Attribute and _on(n, me) and n.attr == attr
                  and type(n.ctx) is ast.Store]
        if not stores:
            return [handler.lineno, handed.lineno, attr, []]
        test = _one_test(handler, stores, me)
        if test is None:
            return None
        name, truth = test
        return [handler.lineno, handed.lineno, attr, [[name, not truth]]]
    return None


def own_nodes_of(statement):
    """The nodes under `statement`, not those of functions or classes defined there."""
    todo = list(ast.iter_child_nodes(statement))
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, (*FUNCS, ast.Lambda, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(node))


def _stores_outside(method, me: str, inside: set):
    for node in own_nodes(method):
        if type(node) is ast.Attribute and _on(node, me) and type(node.ctx) is ast.Store and id(node) not in inside:
            yield node.attr, node


def _one_test(handler, stores, me: str):
    """(attribute, truth) when every store sits in the body of one `if self.<attribute>:` (or `if not ...:`) that is
    a statement of the handler's own body, with no `else`; else None."""
    for stmt in handler.body:
        if type(stmt) is not ast.If or stmt.orelse:
            continue
        body = {id(n) for s in stmt.body for n in [s, *own_nodes_of(s)]}
        if not all(id(s) in body for s in stores):
            continue
        test, truth = stmt.test, True
        if type(test) is ast.UnaryOp and isinstance(test.op, ast.Not):
            test, truth = test.operand, False
        if _on(test, me):
            return test.attr, truth
    return None
