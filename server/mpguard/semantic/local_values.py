"""The values a function's local name may hold, read from the function's own syntax tree.

A method of another project module is judged from its tree alone (no flow walk runs there): `root =
etree.Element("x")` ... `self._xml = root` stores what the local was given. Only plain assignments are
followed; a name the function binds any other way (a parameter, a loop or `with` target, an unpacking, an
augmented assignment, an import, a `global`/`nonlocal` declaration) has no value we can be sure of.
"""
from __future__ import annotations

import ast

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


_NESTED = (*FUNCS, ast.Lambda, ast.ClassDef)


def own_nodes(func):
    """The nodes of `func`'s body, without those of the functions, lambdas and classes defined in it: depth
    first, each node's children in the order `ast.iter_child_nodes` gives them (read here without its two
    nested generators per node: half the time, and the walks of many rules and summaries go through here)."""
    AST = ast.AST
    stack = list(reversed(func.body))
    pop, extend = stack.pop, stack.extend
    while stack:
        node = pop()
        yield node
        if isinstance(node, _NESTED):
            continue
        children = []
        for name in node._fields:
            value = getattr(node, name, None)
            if type(value) is list:
                children.extend([item for item in value if isinstance(item, AST)])
            elif isinstance(value, AST):
                children.append(value)
        if children:
            children.reverse()
            extend(children)


def local_values(func, name: str) -> list | None:
    """Every expression `func` assigns to its local `name` (`name = expr`, `name: T = expr`,
    `(name := expr)`), or None when the name is bound any other way too, or not at all."""
    args = func.args
    if name in {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg) if a}:
        return None
    values: list = []
    plain: set = set()  # id() of the Name targets the plain assignments bind
    for node in own_nodes(func):
        kind = type(node)
        if kind is ast.Assign:
            for target in node.targets:
                if type(target) is ast.Name and target.id == name:
                    values.append(node.value)
                    plain.add(id(target))
        elif kind in (ast.AnnAssign, ast.NamedExpr) and type(node.target) is ast.Name and node.target.id == name:
            if node.value is None:  # `name: T` alone binds nothing
                plain.add(id(node.target))
                continue
            values.append(node.value)
            plain.add(id(node.target))
        elif kind in (ast.Global, ast.Nonlocal) and name in node.names:
            return None
        elif kind in FUNCS or kind is ast.ClassDef:
            if node.name == name:
                return None
        elif kind in (ast.Import, ast.ImportFrom):
            if any((alias.asname or alias.name.partition(".")[0]) == name for alias in node.names):
                return None
        elif kind is ast.ExceptHandler and node.name == name:
            return None
        elif kind in (ast.MatchAs, ast.MatchStar) and node.name == name:
            return None
        elif kind is ast.Name and type(node.ctx) in (ast.Store, ast.Del) and node.id == name and id(node) not in plain:
            return None  # a loop, `with` or unpacking target, an augmented assignment, a `del`
    return values or None


def assigned_once(func) -> dict:
    """name -> the expression, for the names bound exactly once anywhere in `func` (its nested defs' bodies
    counted too, as `ast.walk` reads them), by a plain assignment `name = expr` (`segment = Segment(...)`)."""
    counts: dict = {}
    values: dict = {}
    for node in ast.walk(func):
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            counts[node.id] = counts.get(node.id, 0) + 1
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            values[node.targets[0].id] = node.value
    return {name: value for name, value in values.items() if counts.get(name) == 1}


def scoped_in(func, node) -> bool:
    """Is `node` one of `func`'s own nodes (not inside a def, lambda or class nested in it)?"""
    return any(n is node for n in own_nodes(func))


def _none_test(test, name: str) -> bool:
    return type(test) is ast.Compare and type(test.left) is ast.Name and test.left.id == name \
        and len(test.ops) == 1 and type(test.ops[0]) is ast.Is and type(test.comparators[0]) is ast.Constant \
        and test.comparators[0].value is None


def only_none_defaulted(func, name: str) -> bool:
    """Is the parameter `name` of `func` rebound only inside `if name is None:` statements of the function's
    own body (a default made when the caller gives none), or not at all? Then, wherever the caller passes a
    value, the parameter still holds it after those statements."""
    allowed: set = set()
    for stmt in func.body:
        if type(stmt) is ast.If and not stmt.orelse and _none_test(stmt.test, name):
            allowed.update(id(n) for inner in stmt.body for n in ast.walk(inner))
    for node in own_nodes(func):
        kind = type(node)
        if kind is ast.Name and type(node.ctx) is not ast.Load and node.id == name and id(node) not in allowed:
            return False
        if kind in (ast.Global, ast.Nonlocal) and name in node.names:
            return False
    return True


def none_defaulted(func, name: str) -> bool:
    """`if name is None: name = <default>` among `func`'s own statements, and no other rebinding of `name`."""
    return only_none_defaulted(func, name) and any(
        type(stmt) is ast.If and not stmt.orelse and _none_test(stmt.test, name) for stmt in func.body)


def binds(func, name: str) -> bool:
    """Does `func` bind `name` itself (a parameter, an assignment or other store, a def, class, import,
    except or match name, a `global`/`nonlocal` declaration)? If not, the name it reads is its module's."""
    args = func.args
    if name in {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg) if a}:
        return True
    for node in own_nodes(func):
        kind = type(node)
        if kind is ast.Name and type(node.ctx) is not ast.Load and node.id == name:
            return True
        if kind in FUNCS or kind is ast.ClassDef or kind is ast.ExceptHandler or kind in (ast.MatchAs, ast.MatchStar):
            if getattr(node, "name", None) == name:
                return True
        elif kind in (ast.Global, ast.Nonlocal) and name in node.names:
            return True
        elif kind in (ast.Import, ast.ImportFrom):
            if any((alias.asname or alias.name.partition(".")[0]) == name for alias in node.names):
                return True
    return False


def only_nested_def(func, name: str):
    """The function `func` defines as its local `name`, when that `def` (undecorated) is the name's only
    binding in `func`, else None: what `return name` gives back is then always that nested function."""
    found = None
    for node in own_nodes(func):
        kind = type(node)
        if kind in FUNCS and node.name == name:
            if found is not None or node.decorator_list:
                return None
            found = node
        elif kind is ast.ClassDef and node.name == name:
            return None
    if found is None:
        return None
    args = func.args
    if name in {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg) if a}:
        return None
    for node in own_nodes(func):
        kind = type(node)
        if kind is ast.Name and type(node.ctx) is not ast.Load and node.id == name:
            return None
        if kind in (ast.Global, ast.Nonlocal, ast.Import, ast.ImportFrom, ast.ExceptHandler):
            names = getattr(node, "names", None) or [getattr(node, "name", None)]
            if any((getattr(n, "asname", None) or getattr(n, "name", n)) == name for n in names if n is not None):
                return None
    return found


def value_unless_raised(func, name: str):
    """The expression `func`'s local `name` holds on the path where nothing raises, when it is bound in a `try`
    body once and otherwise only in that statement's `except` clauses (`try: result = run_job(job) except
    Exception as exc: result = {"error": repr(exc)}` gives `run_job(job)`); None for any other binding."""
    values = local_values(func, name)
    if not values or len(values) == 1:
        return values[0] if values else None
    for node in own_nodes(func):
        if type(node) is not ast.Try:
            continue
        body = {id(n) for stmt in node.body for n in ast.walk(stmt)}
        handled = {id(n) for handler in node.handlers for n in ast.walk(handler)}
        tried = [v for v in values if id(v) in body]
        if len(tried) == 1 and all(id(v) in handled for v in values if v is not tried[0]):
            return tried[0]
    return None
