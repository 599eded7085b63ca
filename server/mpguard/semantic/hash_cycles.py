"""A returned object pickle sends but cannot rebuild because it is hashed before its state is restored (ford #433,
fresh_libs10 ford433: graph nodes that hash on `self.ident` and link both ways through sets).

pickle's own algorithm (every protocol, 3.10-3.14 alike): an object reduced by `object.__reduce_ex__` is made empty
(NEWOBJ), memoised, and only then is its state pickled; BUILD restores `__dict__` (or `__setstate__` runs) after the
whole state has been rebuilt. An object reached again while its own state is being rebuilt is the memoised empty
one. When that happens as an item of a set or a key of a dict (`child.used_by.add(root)` while `root.uses` holds
`child`), the reader calls its `__hash__`, and a `__hash__` that reads an instance attribute raises AttributeError
in the parent's result reader (an executor breaks, a Pool's result handler dies).

Said only where the cycle is certain from the code of the function that returns the object: names bound once to
objects of classes of this module, linked by `a.<attr>.add(b)`, `a.<attr>[b] = v`, `a.<attr>.append(b)` or
`a.<attr> = b` outside any `if`, directly or by a method of the class that links `self` and its parameter; the last
link into the returned object puts it in a set or a dict key. Every class on the cycle is pickled by its `__dict__`:
no `__reduce__`, `__reduce_ex__`, `__getnewargs__`, `__getnewargs_ex__` or `__getstate__` (which may drop or reorder
the links), every base is a class of this module, and the module does not import copyreg (whose reducer may
rebuild the object from its key first). The returned object's `__hash__` (its own or the nearest
base's) reads `self.<name>` that no class of the chain defines (a class attribute would be found and nothing fails).
A `__hash__` by `id()` (object's default) is not judged. A class whose one decorator is `@dataclass(frozen=True)` or
`@dataclass(unsafe_hash=True)` (no bases) hashes its compared fields: the first without a class-level default is read.
"""
from __future__ import annotations

import ast

from mpguard.semantic.local_values import own_nodes as _own_nodes

OWN_PICKLING = ("__reduce__", "__reduce_ex__", "__getnewargs__", "__getnewargs_ex__", "__getstate__")
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
MAX_CHAIN = 12
DATACLASS = ("dataclass", "dataclasses.dataclass")
FIELD = ("field", "dataclasses.field")
HASHED, HELD = "hashed", "held"  # b is an item of a set or a key of a dict of a / b is only reachable from a


def hash_cycle_problem(module_body, function, ret) -> tuple[str, str, str] | None:
    """(class name, reason, error) when `ret` (a `return <name>` of `function`) sends an object that pickle rebuilds
    as an empty object hashed inside its own state; else None."""
    if not isinstance(ret, ast.Return) or not isinstance(ret.value, ast.Name) or not isinstance(function, FUNCS):
        return None
    if any(_imports_copyreg(stmt) for stmt in module_body):
        return None  # (a reducer the module registers may rebuild the object from its key first)
    classes = {c.name: c for c in module_body if isinstance(c, ast.ClassDef)}
    made = _made_once(function, classes)
    root = ret.value.id
    if root not in made:
        return None
    chains = {name: _chain(cls, classes) for name, cls in made.items()}
    if any(chain is None for chain in chains.values()):
        return None
    read = _hash_read(chains[root])
    if read is None:
        return None
    edges = _edges(function, made, chains, ret.lineno)
    if not _cycle_into(root, edges):
        return None
    cls = made[root].name
    error = f"AttributeError: '{cls}' object has no attribute '{read}'"
    return (cls, f"is put in a set or dict key inside its own state (the objects of the function link both ways), "
                 f"and its __hash__ reads `self.{read}`: pickle rebuilds it as an empty object, memoised before its "
                 f"state, and hashes it there", error)


def _imports_copyreg(stmt) -> bool:
    if isinstance(stmt, ast.Import):
        return any(a.name in ("copyreg", "copy_reg") for a in stmt.names)
    return isinstance(stmt, ast.ImportFrom) and stmt.module in ("copyreg", "copy_reg")


def _made_once(function, classes) -> dict:
    """{name: ClassDef} for the names the function binds exactly once, to a call of a class of this module."""
    counts, made = {}, {}
    for node in _own_nodes(function):
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.For, ast.With, ast.NamedExpr)):
            targets = node.targets if isinstance(node, ast.Assign) else \
                [node.target] if not isinstance(node, ast.With) else [i.optional_vars for i in node.items]
            for target in targets:
                for name in ast.walk(target) if target is not None else ():
                    if isinstance(name, ast.Name) and isinstance(name.ctx, ast.Store):
                        counts[name.id] = counts.get(name.id, 0) + 1
            value = getattr(node, "value", None)
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                    and isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in classes:
                made[node.targets[0].id] = classes[value.func.id]
    for arg in function.args.args + function.args.kwonlyargs + function.args.posonlyargs:
        counts[arg.arg] = counts.get(arg.arg, 0) + 1
    return {name: cls for name, cls in made.items() if counts.get(name) == 1}



def _chain(cls, classes) -> list | None:
    """The class and its bases, nearest first, when all are classes of this module (or `object`) and none
    decides its own pickling; else None."""
    out, todo = [], [cls]
    while todo:
        current = todo.pop(0)
        if current in out:
            continue
        if len(out) >= MAX_CHAIN or current.keywords or current.decorator_list and (
                _dataclass_hash(current) is None or current.bases or out):
            return None  # (a metaclass or another decorator may make its own methods; a dataclass alone is read)
        if any(isinstance(s, FUNCS) and s.name in OWN_PICKLING or _assigns(s, OWN_PICKLING) for s in current.body):
            return None
        out.append(current)
        for base in current.bases:
            if isinstance(base, ast.Name) and base.id == "object":
                continue
            if not isinstance(base, ast.Name) or base.id not in classes:
                return None
            todo.append(classes[base.id])
    return out


def _assigns(stmt, names) -> bool:
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
    return any(isinstance(t, ast.Name) and t.id in names for t in targets)


def _hash_read(chain) -> str | None:
    """The instance attribute the nearest `__hash__` of the chain reads first, when no class of the chain defines
    it (no class attribute, method or property of that name); else None."""
    if chain[0].decorator_list:
        return _dataclass_hash(chain[0]) or None
    for cls in chain:
        if _assigns_any(cls, "__hash__"):
            return None  # (`__hash__ = None`, or another class's)
        hasher = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__hash__"), None)
        if hasher is None:
            continue
        if hasher.decorator_list or not hasher.args.args:
            return None
        me = hasher.args.args[0].arg
        defined = {n for c in chain for s in c.body for n in _defined_names(s)}
        reads = sorted((n for n in ast.walk(hasher) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
                        and n.value.id == me and isinstance(n.ctx, ast.Load)),
                       key=lambda n: (n.lineno, n.col_offset))
        for read in reads:
            if read.attr not in defined and not read.attr.startswith("__"):
                return read.attr
        return None
    return None


def _dataclass_hash(cls) -> str | None:
    """For a class whose one decorator is `@dataclass(frozen=True)` or `@dataclass(unsafe_hash=True)` (eq left on)
    and that writes no `__hash__`: the generated `__hash__` hashes the tuple of its compared fields in order, so the
    first of them without a class-level default (a bare annotation, or `field(...)` without `default=`) is the first
    missing attribute; "" when that hash reads none such, None for any other decorator or option."""
    (decorator,) = cls.decorator_list if len(cls.decorator_list) == 1 else (None,)
    if not isinstance(decorator, ast.Call) or decorator.args or _dotted(decorator.func) not in DATACLASS:
        return None
    options = {k.arg: k.value.value for k in decorator.keywords if isinstance(k.value, ast.Constant)}
    if len(options) != len(decorator.keywords) or options.get("eq", True) is not True or options.get("slots"):
        return None
    if not (options.get("unsafe_hash") is True or options.get("frozen") is True):
        return None
    if any(isinstance(s, FUNCS) and s.name == "__hash__" or _assigns(s, ("__hash__",)) for s in cls.body):
        return None
    for stmt in cls.body:
        if not isinstance(stmt, ast.AnnAssign) or not isinstance(stmt.target, ast.Name) \
                or "ClassVar" in ast.dump(stmt.annotation) or "InitVar" in ast.dump(stmt.annotation):
            continue
        if stmt.value is None:
            return stmt.target.id
        value = stmt.value
        if isinstance(value, ast.Call) and _dotted(value.func) in FIELD:
            words = {k.arg: k.value for k in value.keywords}
            if any(k in words and not (isinstance(words[k], ast.Constant) and words[k].value is True)
                   for k in ("compare", "hash")) or value.args or None in words:
                continue  # (left out of the hash, or not known)
            if "default" not in words:
                return stmt.target.id
    return ""


def _dotted(expr) -> str:
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
        return f"{expr.value.id}.{expr.attr}"
    return ""


def _assigns_any(cls, name) -> bool:
    return any(_assigns(s, (name,)) for s in cls.body)


def _defined_names(stmt):
    if isinstance(stmt, (*FUNCS, ast.ClassDef)):
        yield stmt.name
    elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
        for target in stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]:
            for name in ast.walk(target):
                if isinstance(name, ast.Name):
                    yield name.id  # (not the names of `__slots__`: reading an unset slot fails the same way)


def _edges(function, made, chains, before: int) -> dict:
    """{holder: {held: kind}} between the names `made` binds, from the statements of the function outside any `if`
    before line `before` (the return), and from the methods of their classes it calls on them (`a.link(b)`)."""
    edges: dict = {}
    for stmt in _unconditional(function.body):
        if stmt.lineno >= before:
            continue
        for holder, held, kind in _links(stmt, set(made)):
            _add(edges, holder, held, kind)
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name) \
                and call.func.value.id in made and not call.keywords:
            method = _method(chains[call.func.value.id], call.func.attr)
            if method is None or len(method.args.args) != len(call.args) + 1 or method.args.vararg is not None:
                continue
            names = {p.arg: a.id if isinstance(a, ast.Name) else None
                     for p, a in zip(method.args.args, [call.func.value, *call.args])}
            for inner in _unconditional(method.body):
                for holder, held, kind in _links(inner, set(names)):
                    if names.get(holder) in made and names.get(held) in made:
                        _add(edges, names[holder], names[held], kind)
    return edges


def _add(edges, holder, held, kind) -> None:
    known = edges.setdefault(holder, {})
    if known.get(held) != HASHED:
        known[held] = kind


def _method(chain, name):
    for cls in chain:
        found = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == name), None)
        if found is not None:
            return None if found.decorator_list else found
    return None


def _unconditional(body):
    """The simple statements of a body, into loops, `with` and `try` bodies but not into an `if` or a handler:
    those a run that gets past them takes (a loop's body where it has items)."""
    for stmt in body:
        if isinstance(stmt, (ast.For, ast.AsyncFor, ast.While)):
            yield from _unconditional(stmt.body)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            yield from _unconditional(stmt.body)
        elif isinstance(stmt, ast.Try):
            yield from _unconditional(stmt.body)
        elif not isinstance(stmt, (ast.If, *FUNCS, ast.ClassDef)):
            yield stmt


def _links(stmt, names):
    """(holder, held, kind) a statement makes between two of `names`."""
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        call = stmt.value
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in ("add", "append") and len(call.args) == 1 \
                and isinstance(call.args[0], ast.Name) and call.args[0].id in names:
            holder = _owner(func.value, names)
            if holder is not None:
                yield holder, call.args[0].id, HASHED if func.attr == "add" else HELD
    elif isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Name) and stmt.value.id in names:
        for target in stmt.targets:
            holder = _owner(target, names)
            if holder is not None:
                yield holder, stmt.value.id, HELD
    if isinstance(stmt, ast.Assign):
        for target in stmt.targets:
            if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Name) and target.slice.id in names:
                holder = _owner(target.value, names)
                if holder is not None:
                    yield holder, target.slice.id, HASHED


def _owner(expr, names):
    """`a` of `a.<attr>` when it is one of `names`."""
    if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id in names:
        return expr.value.id
    return None


def _cycle_into(root, edges) -> bool:
    """Whether some path from `root` comes back to it by a last link that hashes it."""
    seen, todo = {root}, [root]
    while todo:
        current = todo.pop()
        for held, kind in edges.get(current, {}).items():
            if held == root and kind == HASHED:
                return True
            if held not in seen:
                seen.add(held)
                todo.append(held)
    return False
