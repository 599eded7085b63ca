"""What a thread that runs when the process forks may hold (MP423, rules/threads.py).

fork copies only the calling thread: a lock another thread holds at that instant stays held in the child.
A thread is shown to leave nothing held that the forked child could need when it takes such a lock and every
call its target makes, followed into what it calls of the project (a few levels deep), is one of:

- `acquire`/`release` (or `with`) of a lock the child re-creates: a module lock that its own module's
  `os.register_at_fork(after_in_child=...)` hook makes anew (semantic/threads.recreated_at_fork), or a logging
  handler the thread is given (logging re-initialises handler locks in a forked child, 3.8+);
- `set`/`clear`/`is_set`/`wait()` of an Event the child cannot reach (each holds the Event's own lock for an
  instant, wait() not while it waits: only a child using that Event could block);
- a call of the catalog's `thread_lock_free` (boundaries.json: time.sleep, open, json.load of a file the thread
  opened itself, ...), and `read`/`readline`/`readlines` of such a file;
- a call of a function of the same module, of a method of the same class (`self._step()`), or of a method of an
  object of a project class that the thread's object keeps in a field (`self.h5file.read("calib")`): followed,
  with the locks, imports and fields of the module and class that define it. The object must be made by its
  class's constructor in the function that forks, and reach nothing the child is given.

Anything else (a print: stdout's lock; a library call; a lock nobody re-creates) keeps the finding, and so does a
thread that takes no lock at all (one that only sleeps is still running at the fork, which 3.12+ warns of)."""
from __future__ import annotations

import ast
from dataclasses import dataclass, replace

from mpguard.rules.child_resets import reset_globals
from mpguard.rules.fact_lookup import starts_at
from mpguard.semantic import values as V
from mpguard.semantic.threads import RECREATED_FACT, lock_free_calls, recreated_at_fork, recreated_fact, top_bound

LOCK_METHODS = frozenset({"acquire", "release"})
EVENT_METHODS = frozenset({"set", "clear", "is_set", "wait"})
FILE_READS = frozenset({"read", "readline", "readlines"})
DEPTH = 4  # calls followed from the thread's target
FORBIDDEN = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Await, ast.Yield, ast.YieldFrom, ast.ClassDef,
             ast.AsyncWith, ast.Global, ast.Nonlocal)


@dataclass
class Scope:
    """A module as a thread's code sees it: how its names qualify, what it binds, which locks a forked child
    re-creates, its top-level definitions."""

    qualify: object
    bound: frozenset
    recreated: frozenset
    definitions: dict
    module: str | None = None  # None: the module being checked


@dataclass
class Field:
    """What `self.<name>` holds: kind "event" (a threading.Event its object made), "object" (an instance of a
    project class: `cls`, defined in `scope`)."""

    kind: str
    cls: ast.ClassDef | None = None
    scope: Scope | None = None


def holds_only_recreated(ctx, thread, fork) -> bool:
    """Is every call the thread's target makes one that leaves nothing held in a forked child but the locks
    the child re-creates? The target is a function of this module or a method of the class making the thread."""
    creation = getattr(thread, "creation", None)
    target = target_definition(ctx, creation) if creation is not None else None
    owner = ctx.parents.get(target) if target is not None else None
    if target is None or not isinstance(owner, (ast.Module, ast.ClassDef)) \
            or any(k.arg in ("kwargs", None) for k in creation.node.keywords):
        return False
    params = [a.arg for a in (*target.args.posonlyargs, *target.args.args)]
    subclass = getattr(creation.value, "subclass", None) is not None  # (its `run(self)`: a bound method)
    own = params[:1] if subclass or target is not getattr(getattr(creation, "target", None), "definition", None) \
        else []
    params = params[len(own):]  # (`self._run`: a bound method)
    handed = next((k.value for k in creation.node.keywords if k.arg == "args"), None)
    if creation.node.args or handed is not None and not (
            isinstance(handed, (ast.Tuple, ast.List)) and not any(isinstance(e, ast.Starred) for e in handed.elts)
            and len(handed.elts) == len(creation.args) == len(params)):
        return False
    given = dict(zip(params, ((e, v) for e, (_x, v) in zip(handed.elts if handed is not None else (),
                                                              creation.args))))  # parameter -> (expr, value)
    reader = _Reader(ctx, fork)
    fields = (lambda name: reader.own_field(owner, name)) if own and isinstance(owner, ast.ClassDef) else None
    # (and takes one such lock: a thread that takes none, one that only sleeps, is still a thread running at the
    # fork, which Python 3.12+ warns of: tests/test_rules_threads.py)
    return reader.holds(target, reader.here, given, fields, owner if fields else None, 0) and reader.took


def target_definition(ctx, creation):
    """The def a Thread runs: a function of this module, `self.<method>` of the class making the thread, or the
    `run()` of a Thread subclass (of this module or another: `ctx.parents` knows only this module's)."""
    target = getattr(creation, "target", None)
    definition = getattr(target, "definition", None)
    if isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return definition
    subclass = getattr(getattr(creation, "value", None), "subclass", None)
    if isinstance(subclass, ast.ClassDef) and getattr(creation, "kind", None) == "Thread":
        return _method(subclass, "run")
    expr = getattr(creation, "target_expr", None)
    if isinstance(expr, ast.Attribute) and type(expr.value) is ast.Name and expr.value.id == "self":
        cls = ctx.parents.get(creation.where.function) if creation.where.function is not None else None
        if isinstance(cls, ast.ClassDef):
            return _method(cls, expr.attr)
    return None


def _method(cls, name):
    return next((f for f in cls.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f.name == name),
                None)


class _Reader:
    def __init__(self, ctx, fork):
        self.ctx = ctx
        self.fork = fork
        self.child = _child_text(ctx, fork)
        self.active: set = set()
        self.took = False  # a re-created lock was taken
        memo = ctx.memo.setdefault("MP423 scope", [])
        if not memo:
            memo.append(Scope(ctx.imports.qualify, top_bound(ctx.tree), recreated_at_fork(ctx.tree, ctx.imports.qualify),
                              {s.name: s for s in ctx.tree.body if isinstance(s, (ast.FunctionDef, ast.ClassDef))}))
        self.here = memo[0]
        fresh = reset_globals(ctx, fork)  # (module locks the child's first statements make anew)
        if fresh - self.here.recreated:
            self.here = replace(self.here, recreated=self.here.recreated | fresh)

    def holds(self, func, scope: Scope, given: dict, fields, cls, depth: int) -> bool:
        """Does `func` (of `scope`; a method of `cls` whose `self` fields `fields(name)` tells) hold only
        re-created locks, and call only what does too?"""
        if id(func) in self.active:
            return True  # (being judged further up: its calls are read there)
        if depth > DEPTH:
            return False
        params = {a.arg for a in (*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs)}
        me = func.args.args[0].arg if cls is not None and func.args.args else None
        files = _opened_files(func, scope)
        stored = {n.attr for n in ast.walk(func) if isinstance(n, ast.Attribute) and type(n.ctx) is not ast.Load}
        self.active.add(id(func))
        try:
            for node in ast.walk(func):
                if node is not func and isinstance(node, FORBIDDEN):
                    return False
                if type(node) is ast.Name and type(node.ctx) is not ast.Load \
                        and (node.id in params or node.id in scope.recreated):
                    return False  # (a name rebound in the thread is not known to be the lock it was given)
                if isinstance(node, ast.With) and any(item.optional_vars is None for item in node.items):
                    self.took = True  # (each such item is a re-created lock, or the `all` below refuses)
                if isinstance(node, ast.With) and not all(
                        item.optional_vars is None and type(item.context_expr) is ast.Name
                        and item.context_expr.id in scope.recreated and item.context_expr.id not in params
                        or type(item.optional_vars) is ast.Name and item.optional_vars.id in files
                        and isinstance(item.context_expr, ast.Call) for item in node.items):
                    return False
                if isinstance(node, ast.Call) and not self._call(node, scope, params, given, files, me,
                                                                 fields if me else None, cls, stored, depth):
                    return False
            return True
        finally:
            self.active.discard(id(func))

    def _call(self, node, scope, params, given, files, me, fields, cls, stored, depth) -> bool:
        func = node.func
        qualified = _qualified(scope, func)
        entry = lock_free_calls().get(qualified) if qualified else None
        if entry is not None:
            read = entry.get("reads")
            return read is None or read < len(node.args) and type(node.args[read]) is ast.Name \
                and node.args[read].id in files
        if type(func) is ast.Name:
            called = scope.definitions.get(func.id)
            return isinstance(called, ast.FunctionDef) and func.id not in params \
                and self.holds(called, scope, {}, None, None, depth + 1)
        if not isinstance(func, ast.Attribute):
            return False
        method, receiver = func.attr, func.value
        bare = not node.args and not node.keywords
        if type(receiver) is ast.Name:
            name = receiver.id
            if name == me and cls is not None:
                called = _method(cls, method)
                return called is not None and self.holds(called, scope, {}, fields, cls, depth + 1)
            if method in LOCK_METHODS and bare and (name in scope.recreated and name not in params
                                                     or _given_kind(self.ctx, given.get(name)) == "handler"):
                self.took = True
                return True
            if method in EVENT_METHODS and bare and _given_kind(self.ctx, given.get(name)) == "event" \
                    and self.child is not None and type(given[name][0]) is ast.Name \
                    and given[name][0].id not in self.child and given[name][0].id not in self.ctx.facts.module_env:
                return True
            return method in FILE_READS and name in files
        if not (type(receiver) is ast.Attribute and type(receiver.value) is ast.Name and receiver.value.id == me
                and fields is not None and receiver.attr not in stored):
            return False
        held = fields(receiver.attr)
        if held is None:
            return False
        if held.kind == "event":
            return method in EVENT_METHODS and bare
        called = _method(held.cls, method)
        return called is not None and self.holds(called, held.scope, {}, lambda name: self.other_field(held, name),
                                                 held.cls, depth + 1)

    def own_field(self, cls, name) -> Field | None:
        """`self.<name>` of the thread's own class (this module): the object one constructor call of a project
        class made in the forking function, reaching nothing the child is given."""
        kept = [v for n, v in self.ctx.facts.instance_attributes.get(cls, ()) if n == name]
        if len(kept) != 1:
            return None
        value = self.ctx.flow.resolve(kept[0])
        if not (isinstance(value, V.Returned) and isinstance(value.node, ast.Call)
                and self._unreached(value.node)):
            return None
        return self._object(value.qualified)

    def other_field(self, holder: Field, name) -> Field | None:
        """`self.<name>` of a class of another module, read from its `__init__`: one assignment there, of a
        `threading.Event()` (the object's own; the object reaches nothing the child is given)."""
        init = _method(holder.cls, "__init__")
        made = [n.value for f in holder.cls.body if isinstance(f, ast.FunctionDef) for n in ast.walk(f)
                if isinstance(n, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and any(
                    isinstance(t, ast.Attribute) and t.attr == name
                    for t in (n.targets if isinstance(n, ast.Assign) else [n.target]))]
        if init is None or len(made) != 1 or not isinstance(made[0], ast.Call) or made[0].args or made[0].keywords:
            return None
        if not any(made[0] is getattr(n, "value", None) for n in init.body):
            return None
        return Field("event") if holder.scope.qualify(made[0].func) == "threading.Event" else None

    def _object(self, qualified: str) -> Field | None:
        resolver = self.ctx.resolver
        if not qualified or resolver is None or not hasattr(resolver, "class_definition") \
                or not hasattr(resolver, "module_fact"):
            return None
        found = resolver.class_definition(qualified)
        module = qualified.rpartition(".")[0]
        names = resolver.module_names(module) if found is not None else None
        fact = resolver.module_fact(module, RECREATED_FACT, recreated_fact) if names is not None else None
        if not fact or fact[1] is None or found[0].bases:
            return None  # (a base class's methods are not read)
        definitions, imports = names
        return Field("object", found[0], Scope(imports.qualify, fact[1], fact[0], dict(definitions), module))

    def _unreached(self, made: ast.Call) -> bool:
        """Is the object `made` bound to a local name of the forking function, and does nothing that name reaches
        (through assignments, calls that get it, methods of objects given it) appear in what the child is given?"""
        function = self.ctx.enclosing_function(made)
        bind = self.ctx.parents.get(made)
        if self.child is None or function is None or function is not self.ctx.enclosing_function(self.fork) \
                or not (isinstance(bind, ast.Assign) and len(bind.targets) == 1 and type(bind.targets[0]) is ast.Name):
            return False
        reached = {bind.targets[0].id}
        if any(isinstance(n, (ast.Global, ast.Nonlocal)) for n in ast.walk(function)):
            return False
        changed = True
        while changed:
            changed = False
            for stmt in ast.walk(function):
                if not isinstance(stmt, ast.stmt) or isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                        or stmt is bind or not _mentions(stmt, reached):
                    continue
                if isinstance(stmt, (ast.Return, ast.ClassDef, ast.Delete)):
                    return False
                for node in ast.walk(stmt):
                    if isinstance(node, (ast.Attribute, ast.Subscript)) and type(node.ctx) is not ast.Load \
                            or isinstance(node, (ast.Lambda, ast.FunctionDef)):
                        return False  # (kept in another object, or in a closure: not followed)
                    new = set()
                    if isinstance(node, ast.Call) and not isinstance(node.func, ast.Attribute) \
                            and not isinstance(self.here.definitions.get(getattr(node.func, "id", None)), ast.ClassDef) \
                            and any(_mentions(a, reached) for a in (*node.args, *(k.value for k in node.keywords))):
                        return False  # (given to a function, which may keep it anywhere: not followed)
                    if type(node) is ast.Name and type(node.ctx) is not ast.Load:
                        new.add(node.id)
                    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                            and type(node.func.value) is ast.Name and _mentions(node, reached):
                        new.add(node.func.value.id)  # (`jobs.append(viewer_file)`)
                    if new - reached:
                        reached |= new
                        changed = True
        return not reached & (self.child | set(self.ctx.facts.module_env))


def _mentions(node, names) -> bool:
    return any(type(n) is ast.Name and n.id in names for n in ast.walk(node))


def _qualified(scope: Scope, func) -> str | None:
    qualified = scope.qualify(func)
    if qualified is None and type(func) is ast.Name and func.id not in scope.bound:
        return "builtins." + func.id
    return "builtins.open" if qualified == "open" else qualified


def _opened_files(func, scope: Scope) -> set:
    """Names the function binds (by `with ... as` or `=`) only to a file it opens itself."""
    opened, other = set(), set()
    for node in ast.walk(func):
        pairs = [(i.optional_vars, i.context_expr) for i in node.items] if isinstance(node, ast.With) \
            else [(t, node.value) for t in node.targets] if isinstance(node, ast.Assign) else []
        for target, value in pairs:
            if type(target) is ast.Name:
                made = isinstance(value, ast.Call) and _qualified(scope, value.func) == "builtins.open"
                (opened if made else other).add(target.id)
        if isinstance(node, (ast.AugAssign, ast.AnnAssign, ast.For, ast.comprehension, ast.NamedExpr)):
            other |= {n.id for n in ast.walk(node.target) if type(n) is ast.Name}
    return opened - other


def _given_kind(ctx, given) -> str | None:
    """"handler" for a logging handler made where the thread is made (`logging.FileHandler(path)`),
    "event" for a `threading.Event()`; else None."""
    if given is None:
        return None
    made = getattr(given[1], "node", None)
    if not isinstance(made, ast.Call):
        return None
    qualified = ctx.imports.qualify(made.func) or ""
    if qualified.startswith("logging.") and qualified.endswith("Handler"):
        return "handler"
    return "event" if qualified == "threading.Event" else None


def _child_text(ctx, fork) -> set | None:
    """The names the forking call (the Process made, with its target and arguments) mentions; None when
    the fork is not a Process start whose making call is known."""
    if not (isinstance(fork, ast.Call) and isinstance(fork.func, ast.Attribute) and fork.func.attr == "start"):
        return None
    for start in starts_at(ctx, fork):
        made = getattr(getattr(start.obj, "creation", None), "node", None)
        if isinstance(made, ast.Call):
            return {n.id for n in ast.walk(made) if isinstance(n, ast.Name)}
    return None
