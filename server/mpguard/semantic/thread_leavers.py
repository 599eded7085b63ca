"""Functions that leave a thread running when they return, followed through calls (MP423, rules/threads.py).

    class ThreadRuntime:                            # r10kit/omp_runtime.py
        def ensure_started(self):                   # starts a thread and returns: leaves it running
            self._thread = threading.Thread(target=self._spin, daemon=True)
            self._thread.start()
        def parallel_sum(self, values):             # calls ensure_started(): leaves it running too
            self.ensure_started()
    RUNTIME = ThreadRuntime()                       # so does RUNTIME.parallel_sum()

A program that calls `RUNTIME.parallel_sum()` and later forks has a thread running at the fork. Read from a module's
syntax alone (`leavers`; for another project module, a fact of the project index: `leaver_fact`), keyed by
`func`, `Class.method`, `Class` (its constructor) and `INSTANCE.method` for an instance the module makes at its top
level (and `func.method` for a module function that returns only objects of one class of the module: `factories`).
A thread is a `threading.Thread`/`Timer` or an object of the module's Thread subclass with its own `run()`.
Followed: calls of the module's own functions, of `self.<method>()`, of a class's constructor, of a method
on a local made by a constructor of the module, and of another project module's leavers.

Precision first, a thread is not counted as left running when:
- a `.join()` or `.cancel()` call follows the start (or the call that starts it) in the same def, whatever it is
  called on;
- its target is a def of the module that neither loops nor waits nor calls anything of the module (it has most
  likely returned by the time of a later fork: fresh_realistic5's `_report_status`);
- it is started in a loop over something other than a list of threads the def made (not known to run once)."""
from __future__ import annotations

import ast

from mpguard.semantic.index import child_fields, child_nodes, module_nodes_of
from mpguard.semantic.servers import module_imports
from mpguard.semantic.fact_trees import fact_tree
from mpguard.semantic.module_defs import def_fact
from mpguard.semantic.thread_classes import made_thread_class, thread_classes

LEAVERS_FACT = "thread-leavers"
THREAD_MAKERS = frozenset({"threading.Thread", "threading.Timer"})
ENDS = frozenset({"join", "cancel"})
# Calls that keep a thread waiting (so it is surely still alive at a later fork).
BLOCKING = frozenset({"sleep", "wait", "get", "join", "acquire", "accept", "recv", "recv_bytes", "read", "readline",
                      "serve_forever", "poll", "select", "run_forever", "result", "communicate"})
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
ROUNDS = 6  # calls followed within a module


def leaver_fact(data: bytes, path: str, module: str, resolver=None) -> dict:
    """`leavers` of another project module."""
    try:
        tree = fact_tree(data, path, resolver)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {"leaves": {}, "ends": []}
    return leavers(tree, module_imports(tree, module, path).qualify, resolver, module)


def external(resolver, qualified: str | None):
    """[line, module] of the project module's `qualified` (`pkg.mod.RUNTIME.parallel_sum`) that leaves a thread
    running: the line of its start or of the call that leaves it, and the module whose code starts it; else
    None."""
    fact, name = _fact_of(resolver, qualified)
    return fact["leaves"].get(name) if fact else None


def external_ends(resolver, qualified: str | None) -> bool:
    """Does the project module's `qualified` (`pkg.mod.Service.stop`) join or cancel a thread?"""
    fact, name = _fact_of(resolver, qualified)
    return bool(fact) and name in fact["ends"]


def _fact_of(resolver, qualified):
    return def_fact(resolver, qualified, LEAVERS_FACT, leaver_fact, building={})


def leavers(tree: ast.Module, qualify, resolver=None, module: str | None = None, walks=None) -> dict:
    """{"leaves": {key: [line, origin]}, "ends": [key]}: the module's defs (and constructors, and its instances'
    methods) that leave a thread running when they return (`origin`: the module whose code starts the thread,
    `module` for this one), and those that join or cancel one (themselves or through what they call). `walks`: a
    `Walks` to share with the caller's own questions about the module's defs."""
    classes = {c.name: c for c in tree.body if isinstance(c, ast.ClassDef)}
    defs = {f.name: (f, None) for f in tree.body if isinstance(f, FUNCS)}
    for cls in classes.values():
        defs.update({f"{cls.name}.{f.name}": (f, cls) for f in cls.body if isinstance(f, FUNCS)})
    instances = _instances(tree, classes)
    walks = walks or Walks()
    out, calls, ends = {}, {}, set()
    threads_of = thread_classes(tree, qualify)
    for key, (func, cls) in defs.items():
        line = _direct_start(func, cls, qualify, defs, walks, threads_of)
        if line is not None:
            out[key] = [line, module]
        calls[key] = list(_callees(func, cls, qualify, classes, instances, defs, loops=True, walks=walks))
        if walks.ends(func):
            ends.add(key)
    for _ in range(ROUNDS):
        changed = False
        for key, (func, _cls) in defs.items():
            if key not in ends and any(_ends_by(callee, ends, classes, resolver) for callee, _call in calls[key]):
                ends.add(key)
                changed = True
            if key in out:
                continue
            for callee, call in calls[key]:
                line = out.get(callee) if not callee.startswith("=") else external(resolver, callee[1:])
                if line is None and callee in classes:
                    line = out.get(f"{callee}.__init__")
                if line is not None and not _in_loop(func, call, walks) \
                        and not _ended_after(call, calls[key], ends, classes, resolver, func, walks):
                    out[key] = [call.lineno, line[1]]
                    changed = True
                    break
        if not changed:
            break
    for name in classes:
        if f"{name}.__init__" in out:
            out[name] = out[f"{name}.__init__"]
    for instance, cls in [*instances.items(), *factories(tree, classes).items()]:
        for key, line in list(out.items()):
            if key.startswith(cls + "."):
                out[instance + key[len(cls):]] = line
        ends |= {instance + key[len(cls):] for key in list(ends) if key.startswith(cls + ".")}
    return {"leaves": out, "ends": sorted(ends)}


def factories(tree: ast.Module, classes: dict) -> dict:
    """{function: Class} for the module's top-level functions that return only an instance of one class of the
    module: `return Class(...)`, or a global that the module binds only to `Class(...)` or None (a singleton
    made on first use: `global _T; if _T is None: _T = Tracker(); return _T`). A method called on the call's
    result (`usage.tracker().start()`, keyed `tracker.start`) is that class's method."""
    if not classes:
        return {}
    made, assigned = {}, {}  # name -> the classes it is bound to (None: anything but a class of the module or None)
    for node in module_nodes_of(tree, ast.Assign):
        for target in node.targets:
            if type(target) is ast.Name:
                made.setdefault(target.id, set()).add(_made_class(node.value, classes))
                assigned[target.id] = assigned.get(target.id, 0) + 1
    for node in module_nodes_of(tree, ast.Name):
        if type(node.ctx) is not ast.Load:
            assigned[node.id] = assigned.get(node.id, 0) - 1
    for name, left in assigned.items():
        if left:  # (also bound otherwise: a loop, a `with ... as`, an augmented assignment, a walrus)
            made.setdefault(name, set()).add(None)
    # (only the functions holding a `return` of such an object are walked: most modules have none)
    lines = {node.lineno for node in module_nodes_of(tree, ast.Return) if _made_class(node.value, classes) not in
             (None, "None") or type(node.value) is ast.Name and made.get(node.value.id, set()) - {None, "None"}}
    out = {}
    for func in tree.body:
        if not isinstance(func, FUNCS) or not any(func.lineno <= line <= func.end_lineno for line in lines):
            continue
        returned = set()
        params = {a.arg for a in (*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs)}
        for node in _own_nodes(func):
            if type(node) is ast.Return:
                value = node.value
                if type(value) is ast.Name and value.id in params:
                    returned.add(None)
                elif type(value) is ast.Name:
                    kinds = made.get(value.id, {None}) - {"None"}
                    returned |= kinds if kinds else {None}
                else:
                    returned.add(_made_class(value, classes) if value is not None else None)
        if len(returned) == 1 and None not in returned and "None" not in returned:
            out[func.name] = returned.pop()
    return out


def _made_class(value, classes) -> str | None:
    """The class of the module `value` makes (`Class(...)`), "None" for the constant None, else None."""
    if type(value) is ast.Constant and value.value is None:
        return "None"
    if type(value) is ast.Call and type(value.func) is ast.Name and value.func.id in classes:
        return value.func.id
    return None


def may_leave(tree: ast.Module, qualify, resolver=None) -> bool:
    """False only when `leavers(tree, ...)["leaves"]` is surely empty: no call of the module makes a thread
    (`_direct_start` looks only at calls that `qualify` names `threading.Thread` or `Timer`) and none calls
    a function of another project module that leaves one running (a def leaves a thread running only
    through one of these). Read from the module's shared node list, without walking each def (most modules
    that fork start no thread: the 1,000-line benchmark walked its 144 defs for nothing)."""
    threads_of = None
    for call in module_nodes_of(tree, ast.Call):
        qualified = qualify(call.func)
        if type(call.func) is ast.Name:  # `Sampler()`, a Thread subclass of the module?
            threads_of = thread_classes(tree, qualify) if threads_of is None else threads_of
            if call.func.id in threads_of:
                return True
        if qualified in THREAD_MAKERS or qualified and "." in qualified and external(resolver, qualified) is not None:
            return True
    return bool(thread_classes(tree, qualify))  # (`GpuSampler(...).start()`, its objects made anyhow)


def _ends_by(callee: str, ends: set, classes: dict, resolver) -> bool:
    if callee.startswith("="):
        return external_ends(resolver, callee[1:])
    return callee in ends or callee in classes and f"{callee}.__init__" in ends


def _ended_after(call, calls, ends, classes, resolver, func, walks) -> bool:
    """A join or cancel, or a call of what joins one, after `call` in the def."""
    at = _position(call)
    return any(p > at for p in walks.ends(func)) or any(
        _position(other) > at and _ends_by(callee, ends, classes, resolver) for callee, other in calls)


def _in_loop(func, call, walks) -> bool:
    return not any(n is call for n in walks.nodes(func, loops=False))


def callee_key(call: ast.Call, cls, qualify, classes: dict, instances: dict, locals_: dict, top) -> str | None:
    """What a call names among the module's keys (`func`, `Class`, `Class.method`), or `=qualified` for a call of
    another module; None when not known."""
    func = call.func
    if type(func) is ast.Name:
        if func.id in locals_:
            return None
        if func.id in classes or func.id in top:
            return func.id
        qualified = qualify(func)
        return "=" + qualified if qualified and "." in qualified else None
    if type(func) is ast.Attribute and type(func.value) is ast.Name:
        owner = func.value.id
        if owner == "self" and cls is not None:
            return f"{cls.name}.{func.attr}"
        if owner in locals_:
            return f"{locals_[owner]}.{func.attr}"
        if owner in instances:
            return f"{instances[owner]}.{func.attr}"
    qualified = qualify(func)
    return "=" + qualified if qualified and "." in qualified else None


def _callees(func, cls, qualify, classes, instances, top, loops=False, walks=None):
    """(key, call) of the calls the def makes, in its own body (and, with `loops`, in its loops)."""
    walks = walks or Walks()
    locals_ = local_instances(func, classes, walks)
    for node in walks.nodes(func, loops=loops):
        if type(node) is ast.Call:
            key = callee_key(node, cls, qualify, classes, instances, locals_, top)
            if key is not None:
                yield key, node


def local_instances(func, classes, walks=None) -> dict:
    """`x = Class(...)` in the def, of a class of the module: {x: Class}."""
    out = {}
    for node in (walks.nodes(func) if walks is not None else _own_nodes(func)):
        if type(node) is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Name \
                and type(node.value) is ast.Call and type(node.value.func) is ast.Name \
                and node.value.func.id in classes:
            out[node.targets[0].id] = node.value.func.id
    return out


def _instances(tree, classes) -> dict:
    """Top-level `NAME = Class(...)` of a class of the module, NAME bound nowhere else."""
    made = {}
    for stmt in tree.body:
        if type(stmt) is ast.Assign and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name \
                and type(stmt.value) is ast.Call and type(stmt.value.func) is ast.Name \
                and stmt.value.func.id in classes:
            made[stmt.targets[0].id] = stmt.value.func.id
    if not made:
        return {}
    stores = {}
    for node in module_nodes_of(tree, ast.Name):
        if type(node.ctx) is not ast.Load:
            stores[node.id] = stores.get(node.id, 0) + 1
    for node in module_nodes_of(tree, ast.Global):
        for name in node.names:
            stores[name] = stores.get(name, 0) + 2
    return {name: cls for name, cls in made.items() if stores.get(name) == 1}


def _direct_start(func, cls, qualify, defs, walks, threads_of=None) -> int | None:
    """The line of a thread the def starts and leaves running: `Thread(...).start()`, `x = Thread(...)` (or
    `self.x = ...`) then `x.start()`, `xs = [Thread(...) for ...]` then `for t in xs: t.start()`; the thread may be
    an object of a Thread subclass of the module (`threads_of`: semantic/thread_classes)."""
    made, lists = {}, {}
    threads_of = threads_of or {}
    for node in walks.nodes(func):
        if type(node) is ast.Assign and len(node.targets) == 1:
            text = ast.unparse(node.targets[0])
            if _made_thread(node.value, qualify, threads_of):
                made[text] = node.value
            elif isinstance(node.value, (ast.ListComp, ast.List)):
                elts = [node.value.elt] if type(node.value) is ast.ListComp else node.value.elts
                if elts and all(_made_thread(e, qualify, threads_of) for e in elts):
                    lists[text] = elts[0]
    ends = walks.ends(func)
    for node in (_own_nodes(func, loops=False, into=lists) if lists else walks.nodes(func, loops=False)):
        if not (type(node) is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "start"
                and not node.args and not node.keywords):
            continue
        receiver = node.func.value
        creation = receiver if _made_thread(receiver, qualify, threads_of) else made.get(ast.unparse(receiver))
        if creation is None:
            creation = _looped_over(node, receiver, lists, func, walks)
        if creation is None or any(p > _position(node) for p in ends) \
                or _short_lived(creation, cls, qualify, defs, threads_of):
            continue
        return node.lineno
    return None


def _looped_over(call, receiver, lists, func, walks):
    """The thread of `for t in xs: t.start()` with `xs` a list of threads the def made."""
    if type(receiver) is not ast.Name or not lists:  # (no list of threads: no walk per `.start()`, which made a
        return None                                   # def of many Process starts quadratic: tests/test_scaling.py)
    for node in walks.nodes(func):
        if type(node) is ast.For and type(node.target) is ast.Name and node.target.id == receiver.id \
                and ast.unparse(node.iter) in lists and any(n is call for n in ast.walk(node)):
            return lists[ast.unparse(node.iter)]
    return None


def _made_thread(value, qualify, threads_of=None) -> bool:
    return type(value) is ast.Call and (qualify(value.func) in THREAD_MAKERS
                                        or made_thread_class(value, threads_of or {}) is not None)


def _short_lived(creation, cls, qualify, defs, threads_of=None) -> bool:
    """Is the thread's target a def of this module that neither loops nor waits nor calls the module's own code?"""
    subclass = made_thread_class(creation, threads_of or {})
    if subclass is not None:  # its run(): found as the target would be
        return _runs_briefly(threads_of[subclass], defs)
    if qualify(creation.func) == "threading.Timer":
        return False  # (it waits its interval first)
    target = next((k.value for k in creation.keywords if k.arg == "target"), None)
    if type(target) is ast.Name:
        found = defs.get(target.id)
    elif type(target) is ast.Attribute and type(target.value) is ast.Name and target.value.id == "self" \
            and cls is not None:
        found = defs.get(f"{cls.name}.{target.attr}")
    elif target is None and type(creation.func) is ast.Name:
        found = defs.get(f"{creation.func.id}.run")  # (a Thread subclass of the module: its run())
    else:
        return False
    if found is None:
        return False
    return _runs_briefly(found[0], defs)


def _runs_briefly(target, defs) -> bool:
    """A thread's target that neither loops nor waits nor calls the module's own code (nor its object's methods)."""
    for node in ast.walk(target):
        if isinstance(node, (ast.While, ast.For, ast.AsyncFor, ast.Await)):
            return False
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in BLOCKING or type(node.func) is ast.Name and node.func.id in defs \
                    or isinstance(node.func, ast.Attribute) and type(node.func.value) is ast.Name \
                    and node.func.value.id == "self":
                return False
    return True


class Walks:
    """The own nodes of each def and the positions of its joins and cancels, found once per `leavers`: a def is
    asked about again for each call it makes, in each round (walking it each time was a third of the analysis of
    the 1,000-line benchmark file)."""

    def __init__(self):
        self._nodes: dict = {}
        self._ends: dict = {}

    def nodes(self, func, loops: bool = True) -> list:
        """`_own_nodes(func, loops)`, as a list."""
        found = self._nodes.get(id(func))
        if found is None:
            found = self._nodes[id(func)] = (func, *_own_lists(func))  # (func kept alive with its id)
        return found[1] if loops else found[2]

    def ends(self, func) -> list:
        found = self._ends.get(id(func))
        if found is None:
            found = self._ends[id(func)] = (func, [
                _position(n) for n in self.nodes(func) if type(n) is ast.Call and type(n.func) is ast.Attribute
                and n.func.attr in ENDS and not isinstance(n.func.value, ast.Constant)])
        return found[1]


LOOPS = (ast.For, ast.AsyncFor, ast.While, ast.comprehension)
OPAQUE = (*FUNCS, ast.Lambda, ast.ClassDef)


def _own_lists(func) -> tuple:
    """(`_own_nodes(func)`, `_own_nodes(func, loops=False)`) as lists, from one walk: the same stack, with what
    is inside a loop marked rather than left out (leaving out a subtree of the walk keeps the order of the rest)."""
    every, outside = [], []
    stack = list(func.body)
    looped = [False] * len(stack)
    AST, opaque, loops = ast.AST, OPAQUE, LOOPS
    while stack:
        node = stack.pop()
        inside = looped.pop()
        every.append(node)
        if not inside:
            outside.append(node)
        if isinstance(node, opaque):
            continue
        inner = inside or isinstance(node, loops)
        for name in child_fields(type(node)):
            value = getattr(node, name, None)
            if value is None:
                continue
            if type(value) is list:
                for child in value:
                    if isinstance(child, AST):
                        stack.append(child)
                        looped.append(inner)
            elif isinstance(value, AST):
                stack.append(value)
                looped.append(inner)
    return every, outside


def _own_nodes(func, loops: bool = True, into: dict | None = None):
    """The nodes of a def's body, without the defs, lambdas and classes nested in it (and, unless `loops`, without
    loop bodies, but for a `for` over one of `into`); not the contexts and operators (`index.child_nodes`)."""
    stack = list(func.body)
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (*FUNCS, ast.Lambda, ast.ClassDef)):
            continue
        if not loops and isinstance(node, (ast.For, ast.AsyncFor, ast.While, ast.comprehension)):
            if not (type(node) is ast.For and into and ast.unparse(node.iter) in into):
                continue
        stack.extend(child_nodes(node))


def _position(node) -> tuple:
    return node.lineno, node.col_offset
