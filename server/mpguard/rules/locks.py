"""MP307: a Lock released on a path where this code has already released it.

    self.lock.acquire()
    try:
        register(job)
        self.lock.release()
        run(job)                      # raises ...
    except Exception:
        self.lock.release()           # ... and the lock is released a second time

A multiprocessing Lock raises `ValueError: semaphore or lock released too many times` (when no other process took
it in between; if one did, its hold is released instead), a threading Lock `RuntimeError: release unlocked lock`,
the RLocks an AssertionError / RuntimeError. The start method and the platform do not matter.

The function's statements are followed path by path with the state of each lock it releases (the receiver's text,
`self.lock`, whose value the walk knows to be a Lock or RLock: semantic/calls.lock_type): held after `acquire()`,
released after `release()` (or after a `with lock:` block), unknown at the start and after anything that may take
or release it elsewhere (a method of the same object that names the attribute, a call given the lock or its owner,
`acquire(timeout=...)`). An exception may leave the `try` body at every statement that calls something, with the
state it has there; `finally` runs on both ways out, a `with lock:` block releases before the exception leaves.

Precision first: reported only where the lock is certainly released on a path with no branch taken since the
release or since the handler (or `finally`) was entered (an `if`, a loop turn: `if locked: lock.release()` reads
a flag the model does not follow), the exception raised by a statement that really can raise (a call, `raise`,
`assert`); `break`, `continue` and a `return` inside `try` end a path.
"""
from __future__ import annotations

import ast

from mpguard.rules.registry import Rule, register
from mpguard.semantic import values as V
from mpguard.semantic.calls import lock_type
from mpguard.semantic.platforms import ALL_METHODS

ERRORS = {
    "multiprocessing.Lock": "ValueError: semaphore or lock released too many times",
    "multiprocessing.RLock": "AssertionError: attempt to release recursive lock not owned by thread",
    "threading.Lock": "RuntimeError: release unlocked lock",
    "threading.RLock": "RuntimeError: cannot release un-acquired lock",
}

RELEASED_TWICE = register(Rule(
    "MP307", "lock-released-twice",
    "A Lock is released again on a path where it is already released",
    ALL_METHODS,
    {m: ERRORS["multiprocessing.Lock"] + " (a multiprocessing Lock; a threading Lock: "
        + ERRORS["threading.Lock"] + ")" for m in ("fork", "spawn", "forkserver")},
    severity="error",
    fix_title="Release the lock once on every path: hold it in a `with` block, or release it only in `finally`",
))

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
HELD, FREE, UNKNOWN = "held", "free", "unknown"
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def check(ctx) -> None:
    groups: dict = {}
    for op in ctx.facts.lock_ops:
        receiver = op.node.func.value if type(op.node.func) is ast.Attribute else None
        if receiver is None:
            continue
        key = (op.where.function, ast.unparse(receiver))
        groups.setdefault(key, []).append(op)
    for (function, text), ops in groups.items():
        kinds = {_lock_kind(ctx, op.obj) for op in ops}
        releases = {id(op.node) for op in ops if op.name == "release"}
        if len(kinds) != 1 or None in kinds or not releases:
            continue
        body = function.body if isinstance(function, FUNCS) else ctx.tree.body if function is None else None
        if body is None or len(releases) < 2 and not _with_on(body, text):
            continue
        paths = _Paths(ctx, function, text)
        paths.block(body, {(UNKNOWN, NONE, None)})
        kind = kinds.pop()
        for node, line in paths.found:
            ctx.report("MP307", node, f"`{text}.release()` runs on a path where `{text}` was already released "
                       f"(line {line}) and not acquired again: {ERRORS[kind]}", ALL_METHODS, error=ERRORS[kind])


def _lock_kind(ctx, value) -> str | None:
    """The lock type of the value, or of every object the callers pass for it (one type, else None)."""
    if type(value) in (V.Param, V.Element):
        value = ctx.flow.resolve(value)
        options = value.options if type(value) is V.Union else (value,)
        kinds = {lock_type(option) for option in options}
        return kinds.pop() if len(kinds) == 1 else None
    return lock_type(value)


def _with_on(body, text) -> bool:
    return any(type(n) is ast.With and any(ast.unparse(i.context_expr) == text for i in n.items)
               for stmt in body for n in ast.walk(stmt))


class _Paths:
    """The states of one lock along the paths of one function: a set of (state, branched, released_at) where
    `branched` says whether a branch was taken since the release (NONE, INSIDE, BEFORE), `released_at` the line of
    that release."""

    def __init__(self, ctx, function, text: str):
        self.ctx, self.function, self.text = ctx, function, text
        self.found: list = []  # (release call, line of the earlier release)
        self._seen: set = set()
        self.sinks: list = [[]]  # where an exception carries the states (innermost last)
        self._touching = _touching_names(ctx, function, text)

    # ---- statements -----------------------------------------------------------------
    def block(self, stmts, states: set) -> set:
        for stmt in stmts:
            if not states:
                return states
            states = self.statement(stmt, states)
        return states

    def statement(self, s, states: set) -> set:
        kind = type(s)
        if kind in SCOPES:
            return states
        if kind is ast.If:
            states = self.expression(s.test, states)
            return self.block(s.body, _branched(states)) | self.block(s.orelse, _branched(states))
        if kind in (ast.For, ast.AsyncFor, ast.While):
            states = self.expression(s.iter if kind is not ast.While else s.test, states)
            entry = _branched(states)
            out = self.block(s.body, entry)
            out = self.block(s.body, entry | _branched(out))  # a second turn, from where the first left it
            return self.block(s.orelse, states | _branched(out))
        if kind in (ast.With, ast.AsyncWith):
            return self._with(s, states)
        if kind is ast.Try or type(s).__name__ == "TryStar":
            return self._try(s, states)
        if kind is ast.Match:
            states = self.expression(s.subject, states)
            out = set()
            for case in s.cases:
                out |= self.block(case.body, _branched(states))
            return out | _branched(states)
        if kind in (ast.Break, ast.Continue):
            return set()
        states = self.expression(s, states)
        if kind is ast.Raise:
            self.sinks[-1].extend(states)
            return set()
        if kind is ast.Return:
            return set()
        if kind in (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Delete):
            targets = s.targets if kind in (ast.Assign, ast.Delete) else [s.target]
            if any(ast.unparse(t) == self.text for t in targets):
                return {(UNKNOWN, NONE, None)}  # another lock from here on
        return states

    def _with(self, s, states: set) -> set:
        ours = [i for i in s.items if ast.unparse(i.context_expr) == self.text]
        for item in s.items:
            if item not in ours:
                states = self.expression(item.context_expr, states)
        if not ours:
            return self.block(s.body, states)
        inner: list = []
        self.sinks.append(inner)
        try:
            out = self.block(s.body, {(HELD, NONE, None)} if states else set())
        finally:
            self.sinks.pop()
        released = (FREE, NONE, s.lineno)
        if inner:  # __exit__ releases it before the exception leaves the block
            self.sinks[-1].append(released)
        return {released} if out else set()

    def _try(self, s, states: set) -> set:
        raised: list = []
        self.sinks.append(raised)
        try:
            out = self.block(s.body, _before_try(states))
        finally:
            self.sinks.pop()
        leaving: list = [] if s.handlers else list(raised)  # (an exception no handler catches: through finally)
        self.sinks.append(leaving)
        try:
            handled = set()
            for handler in s.handlers:  # (entered by an exception: a path of its own, whatever branch raised it)
                handled |= self.block(handler.body, _fresh(raised))
            out = self.block(s.orelse, out) | handled
        finally:
            self.sinks.pop()
        if not s.finalbody:
            self.sinks[-1].extend(leaving)
            return out
        if leaving:
            self.sinks[-1].extend(self.block(s.finalbody, _fresh(leaving)))
        return self.block(s.finalbody, _fresh(out)) if out else out

    # ---- expressions ----------------------------------------------------------------
    def expression(self, node, states: set) -> set:
        """The calls of a statement's own expressions, in the order they start: the lock's `acquire()` and
        `release()`, and any other call, where an exception may leave (with the states before it)."""
        calls = sorted(_own_calls(node), key=lambda c: (c.lineno, c.col_offset))
        raises = type(node) in (ast.Raise, ast.Assert)
        for call in calls:
            func = call.func
            if type(func) is ast.Attribute and func.attr in ("acquire", "release") and ast.unparse(func.value) == self.text:
                states = self._lock_call(call, func.attr, states)
                continue
            raises = True
            if self._touches(call):
                states = {(UNKNOWN, NONE, None)} if states else states
        if raises and states:
            self.sinks[-1].extend(states)
        if states and any(type(n) in (ast.Yield, ast.YieldFrom, ast.Await) for n in _own_nodes(node)):
            states = {(UNKNOWN, NONE, None)}  # (whoever resumes it may take or release the lock meanwhile)
        return states

    def _lock_call(self, call, name: str, states: set) -> set:
        if name == "acquire":
            plain = not call.args and not call.keywords
            return {(HELD if plain and state != HELD else UNKNOWN, NONE, None) for state, _b, _l in states}
        for state, branched, line in states:
            if state == FREE and not branched and id(call) not in self._seen:
                self._seen.add(id(call))
                self.found.append((call, line))
        return {(FREE, NONE, call.lineno)} if states else states

    def _touches(self, call) -> bool:
        """May the call take or release the lock itself: given the lock or its owner (`helper(self)`), or a
        method of the owner / a function of the module that names it (followed through their own calls)."""
        root = self.text.split(".", 1)[0]
        for arg in (*call.args, *(k.value for k in call.keywords)):
            text = ast.unparse(arg)
            if text == self.text or text == root or text.startswith(self.text + "."):
                return True
        func = call.func
        if type(func) is ast.Attribute and ast.unparse(func.value) == root and "." in self.text:
            return func.attr in self._touching
        if type(func) is ast.Name and "." not in self.text:
            return func.id in self._touching
        return False


# `branched`: NONE, INSIDE (a branch taken since the release, inside the innermost `try` body around it) or BEFORE
# (taken before that `try` began: a loop's later turn, an `if` around the `try`)
NONE, INSIDE, BEFORE = 0, 1, 2


def _branched(states: set) -> set:
    return {(state, max(branched, INSIDE), line) if state == FREE else (state, branched, line)
            for state, branched, line in states}


def _before_try(states: set) -> set:
    return {(state, BEFORE if branched else NONE, line) for state, branched, line in states}


def _fresh(states) -> set:
    """States entering a handler or a `finally`: the branches the `try` body took to the raise are behind (a flag
    read there is read inside it); those taken before the `try` began still count (a later turn of a loop)."""
    return {(state, BEFORE if branched == BEFORE else NONE, line) for state, branched, line in states}


def _own_calls(node):
    """The calls of `node` outside nested statements, functions and lambdas (a statement's header only)."""
    return (n for n in _own_nodes(node) if type(n) is ast.Call)


def _own_nodes(node):
    todo = [node]
    while todo:
        n = todo.pop()
        yield n
        for child in ast.iter_child_nodes(n):
            if isinstance(child, (ast.stmt, ast.Lambda, ast.comprehension)) and child is not node:
                continue
            todo.append(child)


def _touching_names(ctx, function, text: str) -> frozenset:
    """For `self.lock`: the methods of the function's class that name the attribute `lock`, or call (through
    `self`) one that does; for a module-level `LOCK`: the module's functions that name it, likewise."""
    if "." in text:
        owner = ctx.parents.get(function) if function is not None else None
        if type(owner) is not ast.ClassDef or text.count(".") != 1 or not text.startswith("self."):
            return frozenset()
        attr = text.split(".", 1)[1]
        defs = {f.name: f for f in owner.body if isinstance(f, FUNCS)}
        names = lambda f: {n.attr for n in ast.walk(f) if type(n) is ast.Attribute}  # noqa: E731
        calls = lambda f: {n.func.attr for n in ast.walk(f) if type(n) is ast.Call  # noqa: E731
                           and type(n.func) is ast.Attribute and type(n.func.value) is ast.Name
                           and n.func.value.id == "self"}
    else:
        defs = {f.name: f for f in ctx.tree.body if isinstance(f, FUNCS)}
        attr = text
        names = lambda f: {n.id for n in ast.walk(f) if type(n) is ast.Name}  # noqa: E731
        calls = lambda f: {n.func.id for n in ast.walk(f) if type(n) is ast.Call and type(n.func) is ast.Name}  # noqa: E731
    memo = ctx.memo.setdefault("MP307 touching", {})
    key = (id(ctx.parents.get(function)) if "." in text else None, text)
    if key in memo:
        return memo[key]
    touching = {name for name, f in defs.items() if attr in names(f)}
    callees = {name: calls(f) for name, f in defs.items()}
    changed = True
    while changed:
        changed = False
        for name, called in callees.items():
            if name not in touching and called & touching:
                touching.add(name)
                changed = True
    memo[key] = frozenset(touching)
    return memo[key]
