"""Which defs of a project module hold a lock across a wait, and which take one, followed through the objects the
module keeps (rules/held_callees.py, MP305 across modules):

    class Monitor:                                   # r14kit/telemetry.py (sentry-python #6148)
        def __init__(self, transport: Transport):
            self.transport = transport               # a field of a known class (an annotated parameter)
            self._thread_lock = Lock()               # an instance lock
        def _ensure_running(self):
            with self._thread_lock:
                self.run()                           # -> self.transport.is_healthy(): sleeps (another module)
    class Client:
        def __init__(self, dsn):
            self.monitor = Monitor(Transport(dsn))   # a field made by a constructor
        def capture_event(self, event):
            self.monitor.is_healthy()                # -> Monitor._ensure_running
    _client = None
    def init(dsn):
        global _client
        _client = Client(dsn)                        # a global bound only to one class's objects (or None)
    def capture_event(event):
        return _client.capture_event(event)          # -> Client.capture_event: holds Monitor._thread_lock
                                                     #    across a wait, and takes it

Keys: `func`, `Class.method`, `Class` (its constructor). A lock is a module-level `threading.Lock()`/`RLock()`
(its name) or one a class's `__init__` binds to `self.<attr>` (`Class.attr`; every object of the class counts
as one: the parent's object and the forked child's copy are the same one), bound nowhere else. Calls followed:
the module's functions and classes, `self.<method>()`, methods of a `self.<field>` whose class is known (made by a
constructor in `__init__`, or an annotated parameter kept there) and of a global bound only to one class's objects
(or None), and another project module's defs (its `blocking_fact`, for waits only). A wait is `time.sleep()`,
an Event's or Condition's `wait()`, a `recv()`, a queue's `get()`, a thread's `join()`, ... (`waits`). A class that registers an at-fork hook
(`os.register_at_fork`: it may make its lock anew in a forked child) has no instance lock here. Read from the module's syntax alone, as facts of the project index."""
from __future__ import annotations

import ast

from mpguard.semantic.fact_trees import fact_tree
from mpguard.semantic.local_values import own_nodes
from mpguard.semantic.servers import module_imports

BLOCKS_FACT = "blocking-defs"
LOCK_GRAPH_FACT = "lock-graph"
LOCK_MAKERS = frozenset({"threading.Lock", "threading.RLock"})
# A class that registers an at-fork hook may make its lock anew in a forked child (sentry-python's fix). One that
# only reads its pid (to restart its thread in a child) keeps the lock, unless it binds the lock again somewhere,
# which takes the lock out anyway (bound once only).
AT_FORK = frozenset({"os.register_at_fork"})
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
ROUNDS = 8  # calls followed within a module
WAITING = frozenset({"wait", "recv", "recv_bytes", "accept", "communicate", "serve_forever", "run_forever"})
WAITING_BARE = frozenset({"get", "join", "result"})  # (with no positional argument)


def blocking_fact(data: bytes, path: str, module: str, resolver=None) -> list:
    """The keys of the module's defs that make a blocking call, themselves or through what they call."""
    try:
        tree = fact_tree(data, path, resolver)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    return sorted(Graph(tree, module_imports(tree, module, path).qualify, resolver).blocking())


def lock_graph_fact(data: bytes, path: str, module: str, resolver=None) -> dict:
    """`lock_graph` of another project module."""
    try:
        tree = fact_tree(data, path, resolver)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    return lock_graph(tree, module_imports(tree, module, path).qualify, resolver)


def lock_graph(tree: ast.Module, qualify, resolver=None) -> dict:
    """{"takes": {key: [locks]}, "waits": {key: [locks held across a wait]}} (see the module's words)."""
    graph = Graph(tree, qualify, resolver)
    if not graph.module_locks and not graph.instance_locks:
        return {"takes": {}, "waits": {}}
    return graph.locks()


class Graph:
    def __init__(self, tree, qualify, resolver=None):
        self.qualify = qualify
        self.resolver = resolver
        self.classes = {c.name: c for c in tree.body if isinstance(c, ast.ClassDef)}
        self.defs = {f.name: (f, None) for f in tree.body if isinstance(f, FUNCS)}
        for cls in self.classes.values():
            self.defs.update({f"{cls.name}.{f.name}": (f, cls) for f in cls.body if isinstance(f, FUNCS)})
        self.module_locks = {t.id for s in tree.body if type(s) is ast.Assign and self._new_lock(s.value)
                             for t in s.targets if type(t) is ast.Name}
        self.globals = _global_types(tree, self._class_of)
        self.fields = {name: _field_types(cls, self._class_of) for name, cls in self.classes.items()}
        self.instance_locks = {name: self._instance_locks(cls) for name, cls in self.classes.items()}
        self.calls = {key: list(self._callees(func, cls)) for key, (func, cls) in self.defs.items()}

    # -- what each def calls
    def _callees(self, func, cls):
        bound = _bound(func)
        for node in own_nodes(func):
            if type(node) is not ast.Call:
                continue
            key = self._key(node.func, cls, bound)
            if key is not None:
                yield key, node

    def _key(self, func, cls, bound) -> str | None:
        if type(func) is ast.Name:
            if func.id in bound:
                return None
            if func.id in self.classes:
                return f"{func.id}.__init__"
            if func.id in self.defs:
                return func.id
            qualified = self.qualify(func)
            return "=" + qualified if qualified and "." in qualified else None
        if type(func) is not ast.Attribute:
            return None
        receiver, method = func.value, func.attr
        owner = None
        if type(receiver) is ast.Name and receiver.id == "self" and cls is not None:
            return f"{cls.name}.{method}"
        if type(receiver) is ast.Attribute and type(receiver.value) is ast.Name and receiver.value.id == "self" \
                and cls is not None:
            owner = self.fields.get(cls.name, {}).get(receiver.attr)
        elif type(receiver) is ast.Name and receiver.id not in bound:
            owner = self.globals.get(receiver.id)
        if owner is not None:
            return f"{owner}.{method}"
        qualified = self.qualify(func)
        return "=" + qualified if qualified and "." in qualified else None

    def _class_of(self, value) -> str | None:
        """`C` for a class of the module, `=pkg.mod.C` for another module's, named by `value` (a Name or an
        attribute), else None."""
        if type(value) is ast.Name and value.id in self.classes:
            return value.id
        qualified = self.qualify(value) if isinstance(value, (ast.Name, ast.Attribute)) else None
        return "=" + qualified if qualified and "." in qualified else None

    def _new_lock(self, value) -> bool:
        return type(value) is ast.Call and not value.args and not value.keywords \
            and self.qualify(value.func) in LOCK_MAKERS

    def _instance_locks(self, cls) -> set:
        init = next((f for f in cls.body if isinstance(f, FUNCS) and f.name == "__init__"), None)
        if init is None or any(type(n) is ast.Attribute and self.qualify(n) in AT_FORK for n in ast.walk(cls)):
            return set()
        made = {n.targets[0].attr for n in own_nodes(init) if type(n) is ast.Assign and len(n.targets) == 1
                and _self_attribute(n.targets[0]) and self._new_lock(n.value)}
        stores = {}
        for node in ast.walk(cls):
            if type(node) is ast.Attribute and type(node.ctx) is not ast.Load and node.attr in made:
                stores[node.attr] = stores.get(node.attr, 0) + 1
        return {name for name in made if stores.get(name) == 1}

    # -- answers
    def blocking(self) -> set:
        out = {key for key, (func, _cls) in self.defs.items() if any(
            type(n) is ast.Call and waits(n, self.qualify) for n in own_nodes(func))}
        for _ in range(ROUNDS):
            more = {key for key in self.defs if key not in out and any(
                self._blocks(callee, out) for callee, _call in self.calls[key])}
            if not more:
                break
            out |= more
        return out | {name for name in self.classes if f"{name}.__init__" in out}  # (`Class(...)`)

    def _blocks(self, callee: str, local: set) -> bool:
        if not callee.startswith("="):
            return callee in local or callee.endswith(".__init__") and callee in local
        if callee.endswith(".__init__"):
            callee = callee[:-len(".__init__")]
        return _external_blocks(self.resolver, callee[1:])

    def locks(self) -> dict:
        blocking = self.blocking()
        direct, across = {}, {}
        for key, (func, cls) in self.defs.items():
            mine = self.instance_locks.get(cls.name, set()) if cls is not None else set()
            bound = _bound(func)
            taken, held = set(), set()
            for node in own_nodes(func):
                lock = None
                if type(node) in (ast.With, ast.AsyncWith):
                    for item in node.items:
                        lock = self._lock(item.context_expr, mine, bound, cls)
                        if lock is None:
                            continue
                        taken.add(lock)
                        if any(type(n) is ast.Call and (waits(n, self.qualify) or self._blocks_call(n, cls, blocking))
                               for stmt in node.body for n in ast.walk(stmt)):
                            held.add(lock)
                elif type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "acquire":
                    lock = self._lock(node.func.value, mine, bound, cls)
                    if lock is not None:
                        taken.add(lock)
            direct[key], across[key] = taken, held
        takes = {key: set(v) for key, v in direct.items()}
        for _ in range(ROUNDS):
            changed = False
            for key in self.defs:
                for callee, _call in self.calls[key]:
                    if callee.startswith("="):
                        continue
                    for table in (takes, across):
                        extra = table.get(callee, set()) - table[key]
                        if extra:
                            table[key] |= extra
                            changed = True
            if not changed:
                break
        for name in self.classes:
            if f"{name}.__init__" in takes:
                takes[name] = takes[f"{name}.__init__"]
                across[name] = across[f"{name}.__init__"]
        return {"takes": {k: sorted(v) for k, v in takes.items() if v},
                "waits": {k: sorted(v) for k, v in across.items() if v}}

    def _blocks_call(self, call, cls, blocking) -> bool:
        key = self._key(call.func, cls, set())
        return key is not None and self._blocks(key, blocking)

    def _lock(self, expr, mine, bound, cls) -> str | None:
        if type(expr) is ast.Name and expr.id in self.module_locks and expr.id not in bound:
            return expr.id
        if _self_attribute(expr) and expr.attr in mine:
            return f"{cls.name}.{expr.attr}"
        return None


def _external_blocks(resolver, qualified: str) -> bool:
    if resolver is None or not hasattr(resolver, "module_fact"):
        return False
    parts = qualified.split(".")
    for cut in range(len(parts) - 1, 0, -1):  # the longest module first
        fact = resolver.module_fact(".".join(parts[:cut]), BLOCKS_FACT, blocking_fact, building=[])
        if fact is not None:
            return ".".join(parts[cut:]) in fact
    return False


def _global_types(tree, class_of) -> dict:
    """{global name: class key} for the module's names bound at its top level and only ever (there, in a function
    that declares them `global`, or as a local of the same name: not told apart) to one class's objects or None."""
    found, stores = {}, {}
    for node in ast.walk(tree):
        if type(node) is ast.Assign:
            for target in node.targets:
                if type(target) is ast.Name:
                    value = node.value
                    kind = "None" if type(value) is ast.Constant and value.value is None else \
                        class_of(value.func) if type(value) is ast.Call else None
                    found.setdefault(target.id, set()).add(kind)
        if type(node) is ast.Name and type(node.ctx) is not ast.Load:
            stores[node.id] = stores.get(node.id, 0) + 1
        elif type(node) is ast.AnnAssign and type(node.target) is ast.Name and node.value is not None:
            value = node.value
            kind = "None" if type(value) is ast.Constant and value.value is None else \
                class_of(value.func) if type(value) is ast.Call else None
            found.setdefault(node.target.id, set()).add(kind)
            stores[node.target.id] = stores.get(node.target.id, 0) - 1  # (its Name is counted as a store)
    counts = {}
    for node in ast.walk(tree):
        if type(node) is ast.Assign:
            for target in node.targets:
                if type(target) is ast.Name:
                    counts[target.id] = counts.get(target.id, 0) + 1
    top = {t.id for s in tree.body if type(s) in (ast.Assign, ast.AnnAssign)
           for t in (s.targets if type(s) is ast.Assign else [s.target]) if type(t) is ast.Name}
    out = {}
    for name, kinds in found.items():
        classes = kinds - {"None"}
        if name in top and len(classes) == 1 and None not in classes and stores.get(name, 0) == counts.get(name, 0):
            out[name] = classes.pop()
    return out


def _field_types(cls, class_of) -> dict:
    """{attribute: class key} of the fields `__init__` binds to a constructor's object (`self.monitor =
    Monitor(...)`) or to an annotated parameter (`transport: Transport` then `self.transport = transport`), bound
    nowhere else in the class."""
    init = next((f for f in cls.body if isinstance(f, FUNCS) and f.name == "__init__"), None)
    if init is None:
        return {}
    annotated = {a.arg: a.annotation for a in (*init.args.args, *init.args.kwonlyargs) if a.annotation is not None}
    made = {}
    for node in own_nodes(init):
        if type(node) is ast.Assign and len(node.targets) == 1 and _self_attribute(node.targets[0]):
            value = node.value
            if type(value) is ast.Call:
                made[node.targets[0].attr] = class_of(value.func)
            elif type(value) is ast.Name and value.id in annotated:
                made[node.targets[0].attr] = class_of(annotated[value.id])
    stores = {}
    for node in ast.walk(cls):
        if type(node) is ast.Attribute and type(node.ctx) is not ast.Load and node.attr in made:
            stores[node.attr] = stores.get(node.attr, 0) + 1
    return {name: kind for name, kind in made.items() if kind is not None and stores.get(name) == 1}


def _bound(func) -> set:
    """Names the def binds itself (parameters, assignments), unless declared global; `self` stays a receiver."""
    args = func.args
    out = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)} - {"self"}
    declared = set()
    for node in own_nodes(func):
        if type(node) is ast.Name and type(node.ctx) is ast.Store:
            out.add(node.id)
        elif type(node) is ast.Global:
            declared.update(node.names)
    return out - declared


def waits(call: ast.Call, qualify) -> bool:
    """Is `call` one that waits: `time.sleep(...)`, a `.wait(...)`, `.recv()`, `.accept()`, `.communicate()`, or
    a `.get()`, `.join()`, `.result()` given no positional argument (a queue's, a thread's, a future's: not
    `d.get(key)` nor `sep.join(parts)`)? Narrower than thread_leavers.BLOCKING, which only keeps a thread alive:
    here a lock held around a call that does not wait is held for an instant."""
    func = call.func
    if qualify(func) == "time.sleep":
        return True
    if type(func) is not ast.Attribute or isinstance(func.value, ast.Constant):
        return False
    if func.attr in WAITING:
        return True
    return func.attr in WAITING_BARE and not call.args


def _self_attribute(node) -> bool:
    return type(node) is ast.Attribute and type(node.value) is ast.Name and node.value.id == "self"
