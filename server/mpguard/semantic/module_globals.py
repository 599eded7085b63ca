"""The value a module binds a global name to, read from its syntax tree: what an object of that module's class
holds when a method stores the global in `self` (`self._retry = DEFAULT_RETRY`, google-api-core's shape in
bigquery-etl PR #5656). Pickling the object pickles that value by its state, unless it is a function or class."""
import ast

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
    for node in ast.walk(tree):
        if type(node) is ast.Global:
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
        elif isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            continue
        todo.extend(ast.iter_child_nodes(node))
    return names
