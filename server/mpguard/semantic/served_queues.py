"""Work an object hands to its own background thread: a class whose constructor makes an in-process queue
(`self.pipe = queue.Queue()`) and starts a `threading.Thread` whose target is the one taking from it, while another
method only puts into it (timber-python's handler before PR #15: `emit()` puts the formatted record, a flush thread
started in `__init__` ships the batches).

fork copies only the calling thread: an object of such a class made before a fork keeps its queue in the child but
not the thread, so what the child hands it is never taken (no error; the work is lost). Read from the class's
syntax tree alone (a class of another module too). Precision first: the queue is a standard-library in-process
queue made in `__init__` and never bound again; the thread is made and started in `__init__` with a method of the
object as its target; every `get` of the queue is in that method or in the methods it calls on `self`; the
method judged puts into the queue and takes nothing from it; and nothing in the class looks at the process it
runs in (`os.getpid()`, `os.register_at_fork`: a class that starts its thread again in a child)."""
from __future__ import annotations

import ast
from dataclasses import dataclass

from mpguard.semantic.local_values import own_nodes

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
IN_PROCESS_QUEUES = frozenset({"queue.Queue", "queue.SimpleQueue", "queue.LifoQueue", "queue.PriorityQueue"})
THREADS = frozenset({"threading.Thread"})
TAKES = frozenset({"get", "get_nowait"})
PUTS = frozenset({"put", "put_nowait"})
FORK_AWARE = frozenset({"os.getpid", "os.register_at_fork", "os.fork"})


@dataclass(frozen=True)
class ServedQueue:
    """`attribute`: the queue (`self.<attribute>`); `loop`: the method the thread runs; `line`: the thread's
    creation."""

    attribute: str
    loop: str
    line: int


def thread_served(cls, qualify, method: str) -> ServedQueue | None:
    """The queue `cls`'s `method` hands its work to, when only a thread its constructor starts takes from it
    (see the module's words); None otherwise. `qualify`: the import map of the class's module."""
    if not isinstance(cls, ast.ClassDef):
        return None
    methods = {f.name: f for f in cls.body if isinstance(f, FUNCS)}
    init, judged = methods.get("__init__"), methods.get(method)
    if init is None or judged is None or method == "__init__":
        return None
    if any(type(n) is ast.Attribute and qualify(n) in FORK_AWARE for n in ast.walk(cls)):
        return None
    queues = _made_queues(init, qualify)
    for call, loop in _started_threads(init, qualify):
        served = _reach(methods, loop)
        if method in served:
            continue
        for attribute in queues:
            if _only_rebinding(cls, attribute) and _uses(judged, attribute, PUTS) \
                    and not any(_uses(methods[m], attribute, TAKES) for m in _reach(methods, method)) \
                    and all(name in served for name, f in methods.items() if _uses(f, attribute, TAKES)) \
                    and any(_uses(methods[m], attribute, TAKES) for m in served):
                return ServedQueue(attribute, loop, call.lineno)
    return None


def _made_queues(init, qualify) -> list:
    """The attributes `__init__` binds to a new in-process queue (`self.pipe = queue.Queue(maxsize=100)`)."""
    out = []
    for node in own_nodes(init):
        if type(node) is ast.Assign and len(node.targets) == 1 and _self_attribute(node.targets[0]) \
                and type(node.value) is ast.Call and qualify(node.value.func) in IN_PROCESS_QUEUES:
            out.append(node.targets[0].attr)
    return out


def _started_threads(init, qualify) -> list:
    """[(the Thread call, the method it targets)] of the threads `__init__` makes and starts: `self.t =
    threading.Thread(target=self._loop)` then `self.t.start()` (or a local name), or `threading.Thread(...).start()`."""
    started = {ast.unparse(n.func.value) for n in own_nodes(init) if type(n) is ast.Call
               and type(n.func) is ast.Attribute and n.func.attr == "start" and not n.args}
    out = []
    for node in own_nodes(init):
        if type(node) is not ast.Assign and not (type(node) is ast.Expr and type(node.value) is ast.Call):
            continue
        call = node.value
        if type(node) is ast.Expr:  # `threading.Thread(...).start()`
            if not (type(call.func) is ast.Attribute and call.func.attr == "start" and type(call.func.value) is ast.Call):
                continue
            call, held = call.func.value, None
        else:
            if len(node.targets) != 1:
                continue
            held = ast.unparse(node.targets[0])
        if type(call) is not ast.Call or qualify(call.func) not in THREADS or (held is not None and held not in started):
            continue
        target = next((k.value for k in call.keywords if k.arg == "target"), None)
        if target is not None and _self_attribute(target):
            out.append((call, target.attr))
    return out


def _reach(methods: dict, start: str) -> set:
    """`start` and the methods it calls on `self`, transitively."""
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        if name in seen or name not in methods:
            continue
        seen.add(name)
        todo += [n.func.attr for n in own_nodes(methods[name]) if type(n) is ast.Call
                 and type(n.func) is ast.Attribute and _is_self(n.func.value)]
    return seen


def _uses(func, attribute: str, verbs) -> bool:
    """Does `func` call `self.<attribute>.<verb>(...)` for one of `verbs`?"""
    return any(type(n) is ast.Call and type(n.func) is ast.Attribute and n.func.attr in verbs
               and _self_attribute(n.func.value) and n.func.value.attr == attribute for n in own_nodes(func))


def _only_rebinding(cls, attribute: str) -> bool:
    """Is `self.<attribute>` bound once in the whole class (by `__init__`)?"""
    stores = [n for n in ast.walk(cls) if type(n) is ast.Attribute and n.attr == attribute
              and type(n.ctx) is not ast.Load]
    return len(stores) == 1


def _self_attribute(node) -> bool:
    return type(node) is ast.Attribute and _is_self(node.value)


def _is_self(node) -> bool:
    return type(node) is ast.Name and node.id == "self"
