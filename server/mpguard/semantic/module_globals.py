"""The value a module binds a global name to, read from its syntax tree: what an object of that module's class
holds when a method stores the global in `self` (`self._retry = DEFAULT_RETRY`, google-api-core's shape in
bigquery-etl PR #5656). Pickling the object pickles that value by its state, unless it is a function or class."""
import ast

from mpguard.semantic.index import module_nodes_of

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def single_assignments(tree: ast.Module) -> dict:
    """name -> the expression of the one plain assignment at the module's top that binds it (`NAME = expr`,
    `NAME: T = expr`). A name bound by anything else too (a second assignment, a def, an import, a loop, a
    statement under `if`/`try`/`with`, a `global` statement in some function) is left out: its value at the
    time an object is pickled is not known from the text."""
    counts: dict = {}
    values: dict = {}
    for stmt in tree.body:
        if type(stmt) is ast.Assign and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name:
            name = stmt.targets[0].id
            values[name] = stmt.value
            counts[name] = counts.get(name, 0) + 1
            continue
        if type(stmt) is ast.AnnAssign and type(stmt.target) is ast.Name and stmt.value is not None:
            values[stmt.target.id] = stmt.value
            counts[stmt.target.id] = counts.get(stmt.target.id, 0) + 1
            continue
        for name in _bound_names(stmt):
            counts[name] = counts.get(name, 0) + 2
    for node in module_nodes_of(tree, ast.Global):
        for name in node.names:
            counts[name] = 2
    return {name: value for name, value in values.items() if counts.get(name) == 1}


def _bound_names(stmt) -> set:
    """Every name a top-level statement other than a plain assignment may bind (itself or nested in it,
    functions and classes excepted, whose bodies bind their own names)."""
    if isinstance(stmt, (*FUNCS, ast.ClassDef)):
        return {stmt.name}
    names = set()
    todo = [stmt]
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (*FUNCS, ast.ClassDef)):
            names.add(node.name)
            continue
        elif isinstance(node, ast.Name) and type(node.ctx) is not ast.Load:
            names.add(node.id)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        elif type(node).__name__ in ("MatchAs", "MatchStar") and node.name:  # `case n:`
            names.add(node.name)
        elif isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            # (its targets are its own, but `(n := ...)` inside one binds n here)
            names.update(n.target.id for n in ast.walk(node) if type(n) is ast.NamedExpr)
            continue
        elif isinstance(node, ast.Lambda):
            continue
        todo.extend(ast.iter_child_nodes(node))
    return names


# the values a literal global may hold for a parameter test to read it (immutable: a list bound once may still be
# appended to, a number or string cannot change without a rebinding)
LITERAL_TYPES = (int, float, str, bytes, bool, type(None))
# calls through which a module may write its own globals without naming them (`globals()["N"] = 4`)
DYNAMIC_WRITERS = frozenset({"globals", "vars", "exec"})


def literal_globals(tree: ast.Module) -> dict:
    """name -> its literal (an ast.Constant) for each module global bound exactly once, by a plain assignment at
    the module's top (`single_assignments`), to a number, string, bool or None (`-1` too). Wherever the module
    reads such a name it is that literal (before the assignment the read fails). None of them in a module that
    calls globals(), vars() or exec, which may bind names the text does not show."""
    found = {}
    for name, value in single_assignments(tree).items():
        if type(value) is ast.UnaryOp and type(value.op) is ast.USub and type(value.operand) is ast.Constant \
                and type(value.operand.value) in (int, float):
            value = ast.copy_location(ast.Constant(-value.operand.value), value)
        if type(value) is ast.Constant and type(value.value) in LITERAL_TYPES:
            found[name] = value
    if found and any(type(n.func) is ast.Name and n.func.id in DYNAMIC_WRITERS for n in module_nodes_of(tree, ast.Call)):
        return {}
    return found


def reads_global(node: ast.Name, parents: dict) -> bool:
    """Does this read of a name look it up among its module's globals: no def or lambda around it binds the name
    (a parameter, any store, a `global`/`nonlocal` declaration), no comprehension's target, and, when the read
    sits directly in a class body, not that class body?"""
    name, child, parent = node.id, node, parents.get(node)
    in_function = False
    while parent is not None and type(parent) is not ast.Module:
        kind = type(parent)
        if kind in FUNCS or kind is ast.Lambda:
            inside = child is parent.body if kind is ast.Lambda else child in parent.body
            if inside:  # (a default or decorator is read in the enclosing scope)
                if _function_binds(parent, name):
                    return False
                in_function = True
        elif kind is ast.ClassDef and not in_function and child in parent.body:
            if name in {n for stmt in parent.body for n in _bound_names(stmt)}:
                return False
        elif kind in (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp):
            if any(type(n) is ast.Name and n.id == name for g in parent.generators for n in ast.walk(g.target)):
                return False
        child, parent = parent, parents.get(parent)
    return parent is not None


def _function_binds(function, name: str) -> bool:
    args = function.args
    if name in {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg) if a}:
        return True
    if type(function) is ast.Lambda:
        return any(type(n) is ast.NamedExpr and n.target.id == name for n in ast.walk(function.body))
    from_body = [n for stmt in function.body for n in _bound_names(stmt)]  # (nested defs bind their own names)
    return name in from_body or any(type(n) in (ast.Global, ast.Nonlocal) and name in n.names
                                    for stmt in function.body for n in ast.walk(stmt))


def as_read(call: ast.Call, literals: dict, parents: dict) -> ast.Call:
    """`call` as its callee's parameter tests see it: each argument that reads a literal global (`literal_globals`)
    given as that literal (`emcee(workers=workers)` of `workers = 1` is `emcee(workers=1)`); the call itself when
    none does."""
    def read(expr):
        if type(expr) is ast.Name and expr.id in literals and reads_global(expr, parents):
            return ast.copy_location(ast.Constant(literals[expr.id].value), expr)
        return expr
    args = [read(a) for a in call.args]
    keywords = [k if read(k.value) is k.value else ast.keyword(arg=k.arg, value=read(k.value)) for k in call.keywords]
    if all(a is b for a, b in zip(args, call.args)) and all(a is b for a, b in zip(keywords, call.keywords)):
        return call
    return ast.copy_location(ast.Call(func=call.func, args=args, keywords=keywords), call)
