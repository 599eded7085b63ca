"""An exception rebuilt from a value derived from its parameter (CPython #103061's shape):

    class ValidationError(Exception):
        def __init__(self, record):
            super().__init__(record.key)

BaseException keeps the arguments that reached its __init__ (`("b",)`) and unpickling calls the class
with them: `ValidationError("b")`, whose __init__ then reads `"b".key` and raises AttributeError (a Pool
hangs, an executor breaks). The arity is right, so the count of arguments does not show it.

Said only when the rebuild surely reads the attribute of the value it is given: the call to the base's
__init__ is a statement of __init__'s own body (not under an `if` or a `try`), nothing before it is a
`try`, the parameter is never rebound, nothing sets `self.args` or pickles the class its own way, and
the attribute is not one that a str, number, bytes or container has (`n.real` of an int rebuilds).
"""
from __future__ import annotations

import ast
import builtins

# Attributes a value of a common built-in type has: the derived value may be one of them and have it too.
_BUILTIN_ATTRIBUTES = frozenset().union(*(dir(t) for t in (str, bytes, int, float, complex, bool, tuple, list,
                                                           dict, set, frozenset, type(None))))
_OWN_PICKLING = ("__reduce__", "__reduce_ex__", "__getnewargs__", "__getnewargs_ex__")


def derived_argument(cls) -> tuple[str, str] | None:
    """(parameter, attribute) when `cls.__init__` hands `parameter.attribute` to the base's __init__ in the
    parameter's own position, so the rebuilt instance's __init__ reads `.attribute` of that value."""
    if not isinstance(cls, ast.ClassDef) or not cls.bases:
        return None
    init = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
    if init is None or init.args.vararg or init.args.kwarg or any(
            isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f.name in _OWN_PICKLING for f in cls.body):
        return None
    if _sets_args(cls):
        return None
    params = [a.arg for a in init.args.args[1:]]
    for stmt in init.body:
        if isinstance(stmt, ast.Try):
            return None
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "__init__"):
            continue
        if call.keywords or any(isinstance(a, ast.Starred) for a in call.args):
            return None
        passed = call.args
        if isinstance(call.func.value, ast.Name) and passed[:1] and isinstance(passed[0], ast.Name) \
                and passed[0].id == "self":
            passed = passed[1:]  # `Exception.__init__(self, ...)`
        for position, arg in enumerate(passed[:len(params)]):
            name = params[position]
            if isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name) and arg.value.id == name \
                    and arg.attr not in _BUILTIN_ATTRIBUTES and not _rebinds(init, name):
                return name, arg.attr
        return None  # the first call to a base's __init__ decides what is kept
    return None


def _sets_args(cls: ast.ClassDef) -> bool:
    """`self.args = (...)` anywhere in the class: what is kept is not what reached the base."""
    for node in ast.walk(cls):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
            if isinstance(node, (ast.AnnAssign, ast.AugAssign)) else ()
        if any(isinstance(t, ast.Attribute) and t.attr == "args" for t in targets):
            return True
    return False


def _rebinds(init, name: str) -> bool:
    for node in ast.walk(init):
        if isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Load):
            return True
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return True
    return False


# Exceptions of the standard library whose __init__ keeps every argument in `args` as given.
# (OSError turns its arguments into errno and strerror; the Unicode errors need five arguments.)
_BUILTIN_BASES = frozenset(name for name in dir(builtins) if name.endswith(("Error", "Exception"))
                           and not name.startswith("Unicode") and name not in ("OSError", "EnvironmentError", "IOError"))
_STR_ATTRIBUTES = frozenset(dir(str))


def string_rebuild(cls) -> tuple[str, str] | None:
    """(parameter, attribute) when `cls.__init__` reads `parameter.attribute` unconditionally and hands a
    string made from it (a format, an f-string, `.decode()`, through locals) to a built-in exception's
    __init__ in the parameter's position: the rebuild calls `cls(that string)`, and a str has no such
    attribute (iree's `CompilerToolError(process)`: `errs = process.stderr.decode(); super().__init__(
    "... %s" % errs)`, then `'str' object has no attribute 'stderr'`)."""
    if not isinstance(cls, ast.ClassDef) or not cls.bases or not all(
            isinstance(b, ast.Name) and b.id in _BUILTIN_BASES for b in cls.bases):
        return None
    init = next((f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)
    if init is None or init.args.vararg or init.args.kwarg or init.args.posonlyargs or init.args.kwonlyargs \
            or any(isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f.name in _OWN_PICKLING
                   for f in cls.body) or _sets_args(cls) or init.decorator_list:
        return None
    params = [a.arg for a in init.args.args[1:]]
    self_name = init.args.args[0].arg if init.args.args else "self"
    strings: set = set()  # locals that surely hold a str (assigned once, from a string expression)
    read: dict = {}  # parameter -> first attribute __init__ surely reads of it, up to the base call
    for stmt in init.body:
        if not isinstance(stmt, (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign)):
            return None  # a branch, a loop, a try, a return: what runs is no longer straight
        for name, attribute in _surely_read(stmt, params):
            read.setdefault(name, attribute)
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if isinstance(call, ast.Call) and _base_init(call, self_name, cls):
            if call.keywords or any(isinstance(a, ast.Starred) for a in call.args):
                return None
            passed = call.args[1:] if isinstance(call.func.value, ast.Name) and call.func.value.id != "super" \
                else call.args
            if len(passed) != len(params):
                return None  # the arity check (rebuild_problem) speaks for a count that differs
            for position, arg in enumerate(passed):
                name = params[position]
                attribute = read.get(name)
                if attribute is not None and attribute not in _STR_ATTRIBUTES and _is_string(arg, strings) \
                        and not _rebinds(init, name):
                    return name, attribute
            return None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            target = stmt.targets[0].id
            if _is_string(stmt.value, strings) and _assigned_once(init, target):
                strings.add(target)
    return None


def _base_init(call: ast.Call, self_name: str, cls: ast.ClassDef) -> bool:
    """`super().__init__(...)`, `super(Cls, self).__init__(...)` or `Base.__init__(self, ...)`."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "__init__"):
        return False
    owner = func.value
    if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super":
        return True
    return isinstance(owner, ast.Name) and any(isinstance(b, ast.Name) and b.id == owner.id for b in cls.bases) \
        and bool(call.args) and isinstance(call.args[0], ast.Name) and call.args[0].id == self_name


def _surely_read(stmt, params) -> list:
    """`param.attribute` loads a statement evaluates whatever happens (not inside a lambda, a
    conditional expression, the right side of `and`/`or`, or a comprehension's body)."""
    out, todo = [], [stmt]
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Lambda, ast.IfExp, ast.BoolOp, ast.ListComp, ast.SetComp, ast.DictComp,
                             ast.GeneratorExp, ast.NamedExpr)):
            continue
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and isinstance(node.value, ast.Name) \
                and node.value.id in params:
            out.append((node.value.id, node.attr))
        todo.extend(reversed(list(ast.iter_child_nodes(node))))
    return out


def _is_string(node, strings: set) -> bool:
    """Is this expression surely a str: a string literal, an f-string, `"..." % x`, `"...".format()`,
    `"..." + s`, `str(x)`, `"...".join(...)`, or a local known to hold one?"""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Name):
        return node.id in strings
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return isinstance(node.left, (ast.Constant, ast.JoinedStr)) and _is_string(node.left, strings)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_string(node.left, strings) and _is_string(node.right, strings)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("str", "repr"):
        return len(node.args) == 1 and not node.keywords
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr in ("format", "join") and _is_string(node.func.value, strings):
            return True
        if node.func.attr in ("strip", "lower", "upper", "rstrip", "lstrip", "replace") \
                and _is_string(node.func.value, strings):
            return True
    return False


def _assigned_once(init, name: str) -> bool:
    count = 0
    for node in ast.walk(init):
        if isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Load):
            count += 1
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return False
    return count == 1
