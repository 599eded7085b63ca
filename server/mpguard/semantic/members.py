"""The members of a known module, enumerated at run time: `inspect.getmembers(collect, isfunction)`.

A program that picks its tasks by listing a module's functions (crmsh's report:
`[name for name, _ in getmembers(collect, isfunction) if name.startswith("collect_")]`, then
`pool.apply_async(getattr(collect, name))`) runs every function the listing keeps. The listing is a
`Sequence` of `(name, member)` pairs whose `enumerates` names the module; its names are string
constants, so `getattr(module, name)` gives the union of the functions named (calls._module_getattr).

Precision: the listing holds only the functions the module defines at its top level (an imported
function, or one defined under an `if`, is left out: never invented). Its pairs are given out only
through a comprehension whose tests this module can read on the name (`startswith`, `endswith`, `==`,
`in`, `not`, `and`, `or`); iterating over it any other way (a `for` statement whose body tests the name,
`list(...)`) gives nothing known, because the walker does not narrow a loop variable by the `if` that
guards its use, and the union of every function would include ones the program never runs."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
ENUMERATORS = frozenset({"inspect.getmembers"})
# inspect's predicates, by what they keep of a module's top-level definitions
_KEEPS = {"inspect.isfunction": FUNCS, "inspect.isroutine": FUNCS, "inspect.isclass": (ast.ClassDef,),
          "builtins.callable": FUNCS + (ast.ClassDef,), "callable": FUNCS + (ast.ClassDef,)}
MAX_MEMBERS = 32  # as flow.MAX_OPTIONS: a larger module is left unknown rather than cut


def enumerate_members(walker, e: ast.Call, args, kwargs):
    """`inspect.getmembers(module, predicate)` of a project module, or of a class of this module: its
    (name, function) pairs, or None. Without a predicate the members include variables and imports,
    which are not known: left unknown."""
    if not args or isinstance(args[0][0], ast.Starred):
        return None
    predicate = args[1][0] if len(args) > 1 else (kwargs.get("predicate") or (None, None))[0]
    keeps = _KEEPS.get(walker.imports.qualify(predicate)) if predicate is not None else None
    if keeps is None:
        return None
    owner = args[0][1]
    if type(owner) is V.Callable and type(owner.definition) is ast.ClassDef:
        return _class_members(e, owner, keeps)
    if type(owner) is not V.ModuleRef:
        return None
    module = owner.qualified
    definitions = getattr(walker.resolver, "top_definitions", None)
    found = definitions(module) if definitions is not None else None
    if not found:
        return None
    names = sorted(n for n, node in found.items() if isinstance(node, keeps))
    if not names or len(names) > MAX_MEMBERS:
        return None
    pairs = [V.Sequence(e, [name_value(e, n), V.ModuleRef(e, f"{module}.{n}")]) for n in names]
    return V.Sequence(e, pairs, enumerates=module)


def _class_members(e: ast.Call, cls: V.Callable, keeps: tuple):
    """The functions a class body defines, read off the class (`getattr(Tasks, name)`): plain functions
    and static methods (a class method or a property is not a function there: left out, as are the
    members its bases define)."""
    if FUNCS[0] not in keeps:
        return None
    kind = cls.kind if cls.kind != "module" else "method"
    found = [f for f in cls.definition.body if isinstance(f, FUNCS) and not any(
        isinstance(d, ast.Name) and d.id in ("classmethod", "property") for d in f.decorator_list)]
    if not found or len(found) > MAX_MEMBERS:
        return None
    pairs = [V.Sequence(e, [name_value(e, f.name), V.Callable(e, kind, f"{cls.name}.{f.name}", f)])
             for f in sorted(found, key=lambda f: f.name)]
    return V.Sequence(e, pairs, enumerates=cls.name)


def name_value(at: ast.AST, name: str) -> V.Constant:
    """A string constant known by its text (its node is made here, placed at `at`)."""
    node = ast.Constant(name)
    ast.copy_location(node, at)
    node.end_lineno, node.end_col_offset = getattr(at, "end_lineno", None), getattr(at, "end_col_offset", None)
    return V.Constant(node, len(name))


def names_of(value) -> list[str] | None:
    """The strings `value` may be (a constant, or a union of constants), or None if any is not one."""
    options = value.options if type(value) is V.Union else (value,)
    names = []
    for option in options:
        node = getattr(option, "node", None)
        if type(option) is not V.Constant or not isinstance(node, ast.Constant) or not isinstance(node.value, str):
            return None
        names.append(node.value)
    return names or None


def narrowed(listing: V.Sequence, target: ast.expr, tests: list) -> V.Sequence | None:
    """The pairs of `listing` a comprehension `for name, member in listing if test...` keeps, as a plain
    sequence; None when a test is not one read on `name` alone (it might drop any of them)."""
    if not (isinstance(target, (ast.Tuple, ast.List)) and len(target.elts) == 2
            and isinstance(target.elts[0], ast.Name)):
        return None if tests else V.Sequence(listing.node, list(listing.items))
    name = target.elts[0].id
    kept = []
    for pair in listing.items:
        text = pair.items[0].node.value
        verdicts = [_holds(test, name, text) for test in tests]
        if None in verdicts:
            return None
        if all(verdicts):
            kept.append(pair)
    return V.Sequence(listing.node, kept)


def _holds(test: ast.expr, name: str, text: str) -> bool | None:
    """Whether `test` is true when the variable `name` is the string `text`; None if it cannot be read."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _holds(test.operand, name, text)
        return None if inner is None else not inner
    if isinstance(test, ast.BoolOp):
        verdicts = [_holds(v, name, text) for v in test.values]
        if None in verdicts:
            return None
        return all(verdicts) if isinstance(test.op, ast.And) else any(verdicts)
    if isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) \
            and test.func.attr in ("startswith", "endswith") and _is(test.func.value, name) \
            and len(test.args) == 1 and not test.keywords:
        affixes = _strings(test.args[0])
        if affixes is None:
            return None
        method = str.startswith if test.func.attr == "startswith" else str.endswith
        return method(text, tuple(affixes))
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and _is(test.left, name):
        op, right = test.ops[0], _strings(test.comparators[0])
        if right is None:
            return None
        if isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(test.comparators[0], ast.Constant):
            return (text == right[0]) == isinstance(op, ast.Eq)
        if isinstance(op, (ast.In, ast.NotIn)) and not isinstance(test.comparators[0], ast.Constant):
            return (text in right) == isinstance(op, ast.In)
    return None


def _is(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _strings(node: ast.expr) -> list[str] | None:
    """A string literal, or a tuple/list/set of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)) \
            and all(isinstance(x, ast.Constant) and isinstance(x.value, str) for x in node.elts):
        return [x.value for x in node.elts]
    return None

