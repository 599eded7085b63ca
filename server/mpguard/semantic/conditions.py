"""Where code can run: the platforms a condition holds on.

Programs guard platform-specific code themselves: `if sys.platform == "win32":`, `if os.name == "posix":`,
`if hasattr(os, "fork"):`, `if "fork" in multiprocessing.get_all_start_methods():`, a flag set from such a
test, `try: get_context("fork") except ValueError:`, `@pytest.mark.skipif(sys.platform == "win32")`. The
walker records, for each branching node whose test is one of these, the platforms on which its first
branch runs (`facts.branch_platforms`); `platforms_at` answers for any node from its ancestors.
A test that is not about the platform says nothing (None): both branches may run anywhere."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.context_choices import chosen
from mpguard.semantic.flow import union
from mpguard.semantic.names import MULTIPROCESSING_PACKAGES
from mpguard.semantic.platforms import PLATFORMS

EVERYWHERE = frozenset(PLATFORMS)
POSIX = frozenset({"macos", "linux"})
WINDOWS = frozenset({"windows"})

# os attributes that exist only where fork does
_POSIX_ONLY_OS = {"fork", "forkpty", "register_at_fork", "getuid", "geteuid", "killpg", "setsid", "getppid_posix"}
_SYSTEMS = {"windows": WINDOWS, "linux": frozenset({"linux"}), "darwin": frozenset({"macos"})}
_POSIX_METHODS = {"fork", "forkserver"}


def _sys_platform(text: str) -> frozenset | None:
    if text.startswith("win") or text == "cygwin":
        return WINDOWS
    if text.startswith("darwin"):
        return frozenset({"macos"})
    if text.startswith("linux"):
        return frozenset({"linux"})
    return None


def _string(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def platforms_where(test: ast.expr, imports, lookup, called=None) -> frozenset | None:
    """The platforms on which `test` is true, if it is a platform or feature test; else None.
    `lookup(name_node)` gives the walker's value of a name (a flag set from such a test); `called(func_expr)`
    the (definition, import map) of a function of this or another project module, whose whole body may
    return such a test (`def is_unix_system(): return platform.system() != "Windows"`)."""
    kind = type(test)
    if kind is ast.UnaryOp and isinstance(test.op, ast.Not):
        inner = platforms_where(test.operand, imports, lookup, called)
        return None if inner is None else EVERYWHERE - inner
    if kind is ast.BoolOp:
        parts = [platforms_where(v, imports, lookup, called) for v in test.values]
        known = [p for p in parts if p is not None]
        if isinstance(test.op, ast.And):
            # `A and other`: true only where A is; the other part may narrow it further.
            return frozenset.intersection(*known) if known else None
        return frozenset.union(*parts) if all(p is not None for p in parts) else None
    if kind is ast.Name:
        value = lookup(test)
        return value.platforms if type(value) is V.PlatformFlag else None
    if kind is ast.Call:
        found = _call_test(test, imports)
        if found is None and called is not None and not test.args and not test.keywords:
            function = called(test.func)
            returned = returned_test(function[0]) if function is not None else None
            if returned is not None:  # (that function's own names: its module's imports, no flags of ours)
                return platforms_where(returned, function[1], lambda _name: None)
        return found
    if kind is ast.Compare and len(test.ops) == 1:
        return _compare_test(test.left, test.ops[0], test.comparators[0], imports, lookup)
    return None


def returned_test(function) -> ast.expr | None:
    """The expression a plain function of no parameters returns as its whole body (a docstring aside):
    `def is_unix_system(): return platform.system() != "Windows"`; None for anything else."""
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) or function.decorator_list:
        return None
    args = function.args
    if args.posonlyargs or args.args or args.vararg or args.kwonlyargs or args.kwarg:
        return None
    body = function.body[1:] if isinstance(function.body[0], ast.Expr) and \
        isinstance(function.body[0].value, ast.Constant) else function.body
    if len(body) == 1 and isinstance(body[0], ast.Return) and body[0].value is not None:
        return body[0].value
    return None


def pure_platform_test(test: ast.expr, imports) -> bool:
    """Is `test` decided by the platform alone (`sys.platform != "win32"`), with no other value that may make
    it false (`parallel > 1 and sys.platform != "win32"` is not)?"""
    kind = type(test)
    if kind is ast.UnaryOp and isinstance(test.op, ast.Not):
        return pure_platform_test(test.operand, imports)
    if kind is ast.BoolOp:
        return all(pure_platform_test(v, imports) for v in test.values)
    return platforms_where(test, imports, lambda _name: None) is not None


def _call_test(call: ast.Call, imports) -> frozenset | None:
    func = call.func
    if isinstance(func, ast.Name) and func.id == "hasattr" and len(call.args) == 2:
        owner, attr = imports.qualify(call.args[0]), _string(call.args[1])
        if owner == "os" and attr in _POSIX_ONLY_OS:
            return POSIX
        if owner == "signal" and attr in ("SIGKILL", "SIGCHLD", "SIGHUP"):
            return POSIX
        return None
    if isinstance(func, ast.Attribute) and func.attr == "startswith" and call.args:
        prefix = _string(call.args[0])
        owner = imports.qualify(func.value)
        if owner == "sys.platform" and prefix:
            return _sys_platform(prefix)
    return None


def _platform_value(node, imports) -> str | None:
    """Which platform fact an expression reads: "sys.platform", "os.name" or "platform.system"."""
    if isinstance(node, ast.Call):
        node = node.func
        if isinstance(node, ast.Attribute) and node.attr == "lower" and isinstance(node.value, ast.Call):
            node = node.value.func  # platform.system().lower()
    qualified = imports.qualify(node) if isinstance(node, (ast.Name, ast.Attribute)) else None
    return qualified if qualified in ("sys.platform", "os.name", "platform.system") else None


def _compare_test(left, op, right, imports, lookup=None) -> frozenset | None:
    if isinstance(op, (ast.In, ast.NotIn)):
        found = _membership(left, right, imports, lookup)
        if found is None:
            return None
        return found if isinstance(op, ast.In) else EVERYWHERE - found
    if not isinstance(op, (ast.Eq, ast.NotEq, ast.Is, ast.IsNot)):
        return None
    source, text = _platform_value(left, imports), _string(right)
    if source is None:
        source, text = _platform_value(right, imports), _string(left)
    if source is None or text is None:
        return None
    if source == "sys.platform":
        found = _sys_platform(text)
    elif source == "os.name":
        found = WINDOWS if text == "nt" else POSIX if text == "posix" else None
    else:
        found = _SYSTEMS.get(text.lower())
    if found is None:
        return None
    return found if isinstance(op, (ast.Eq, ast.Is)) else EVERYWHERE - found


def _membership(left, right, imports, lookup=None) -> frozenset | None:
    item = _string(left)
    if item is None:
        return _one_of(left, right, imports) if _platform_value(left, imports) else None
    if isinstance(right, ast.Name) and lookup is not None:  # `methods = get_all_start_methods()`
        value = lookup(right)
        if type(value) is V.Sequence and isinstance(value.node, ast.Call):
            right = value.node
    if isinstance(right, ast.Call) and isinstance(right.func, (ast.Attribute, ast.Name)):
        name = right.func.attr if isinstance(right.func, ast.Attribute) else right.func.id
        if name == "get_all_start_methods" and item in _POSIX_METHODS:
            return POSIX
    if _platform_value(right, imports) == "sys.platform":  # "win" in sys.platform
        return _sys_platform(item)
    return None


def _one_of(left, right, imports) -> frozenset | None:
    """`platform.system() in ("Darwin", "Linux")` (also sys.platform, os.name): where the platform fact equals
    one of the literal's strings. Names of no platform mpguard models (FreeBSD) add nothing; None when it
    names none at all or holds anything but strings."""
    if not isinstance(right, (ast.Tuple, ast.List, ast.Set)) or not right.elts:
        return None
    texts = [_string(e) for e in right.elts]
    if any(t is None for t in texts):
        return None
    found = [_compare_test(left, ast.Eq(), ast.Constant(t), imports) for t in texts]
    known = [f for f in found if f is not None]
    return frozenset().union(*known) if known else None


def catches(handler: ast.ExceptHandler, error: str) -> bool:
    """Does an except clause catch `error` (by its name, Exception, BaseException, or a bare except)?"""
    if handler.type is None:
        return True
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any((n.id if isinstance(n, ast.Name) else getattr(n, "attr", "")) in (error, "Exception", "BaseException")
               for n in names)


def catches_missing_method(handler: ast.ExceptHandler) -> bool:
    """Does an except clause catch the ValueError of a start method this platform lacks?"""
    return catches(handler, "ValueError")


def asks_for_posix_method(calls) -> bool:
    """Among start-method calls recorded in a try body: one that asks for fork or forkserver."""
    return any(call.name in ("get_context", "set_start_method") and call.method in _POSIX_METHODS for call in calls)


def skip_marker(decorator: ast.expr, imports, lookup) -> frozenset | None:
    """The platforms a test decorated with a skip marker runs on: pytest.mark.skipif(cond),
    unittest.skipIf(cond) / skipUnless(cond)."""
    if not isinstance(decorator, ast.Call) or not decorator.args:
        return None
    func = decorator.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    if name not in ("skipif", "skipIf", "skipUnless"):
        return None
    where = platforms_where(decorator.args[0], imports, lookup)
    if where is None:
        return None
    return where if name == "skipUnless" else EVERYWHERE - where


_DEFAULT = {"windows": "spawn", "macos": "spawn", "linux": None}  # None on Linux: its default, by version


def _as_context(value):
    """`multiprocessing` itself, used as a context (`_mp = multiprocessing`), is the default context."""
    if type(value) is V.ModuleRef and value.qualified in MULTIPROCESSING_PACKAGES:
        return V.Context(value.node, None)
    return value


def _as_flag(inside, outside, where: frozenset):
    values = [v.node.value if type(v) is V.Constant and isinstance(v.node, ast.Constant) else None
              for v in (inside, outside)]
    if values == [True, False]:
        return V.PlatformFlag(inside.node, where)
    if values == [False, True]:
        return V.PlatformFlag(outside.node, EVERYWHERE - where)
    return None


def merge(inside, outside, where: frozenset):
    """The value of a name after a branch that runs only on `where` bound it to `inside` (elsewhere it
    is `outside`). Two contexts become one whose start method is told per platform; anything else is
    either value."""
    flag = _as_flag(inside, outside, where)
    if flag is not None:  # `try: get_context("fork"); HAS_FORK = True except ValueError: HAS_FORK = False`
        return flag
    inside, outside = _as_context(inside), _as_context(outside)
    if type(inside) is V.Context and type(outside) is V.Context:
        linux_side, other, other_where = (inside, outside, EVERYWHERE - where) if "linux" in where \
            else (outside, inside, where)
        elsewhere = dict(linux_side.elsewhere or {})
        elsewhere.update({p: (other.elsewhere or {}).get(p, other.method or _DEFAULT[p]) for p in other_where})
        elsewhere = {p: m for p, m in elsewhere.items() if m != linux_side.method}
        return V.Context(linux_side.node, linux_side.method, elsewhere or None)
    return union((inside, outside))


_EXITS = (ast.Return, ast.Raise, ast.Continue, ast.Break)


def exits(stmts) -> bool:
    """Does a block always leave the enclosing block (its last statement returns, raises, continues or
    breaks)? Then what follows the `if` that holds it runs only where the test is false."""
    return bool(stmts) and isinstance(stmts[-1], _EXITS)


def branch_reach(parent, child, where: frozenset) -> frozenset:
    """The platforms on which `child` of a branching node runs, its first branch running on `where`."""
    kind = type(parent)
    if kind is ast.IfExp:
        return where if child is parent.body else EVERYWHERE - where if child is parent.orelse else EVERYWHERE
    if kind is ast.If:
        if any(c is child for c in parent.body):
            return where
        return EVERYWHERE - where if any(c is child for c in parent.orelse) else EVERYWHERE
    if kind in (ast.FunctionDef, ast.AsyncFunctionDef):  # a test skipped on some platforms
        return where if any(c is child for c in parent.body) else EVERYWHERE
    # try: the body (and else) where the start method exists, the handlers elsewhere
    if any(c is child for c in parent.body) or any(c is child for c in getattr(parent, "orelse", ())):
        return where
    return EVERYWHERE - where if any(c is child for c in getattr(parent, "handlers", ())) else EVERYWHERE


def reach_in_function(node, parents, branches: dict, after_exit: dict, stop) -> frozenset:
    """The platforms on which `node` runs, from the platform tests between it and `stop` (its function):
    the branches around it and the early exits before it."""
    reach, child, parent = after_exit.get(node, EVERYWHERE), node, parents.get(node)
    while parent is not None and child is not stop:
        where = branches.get(parent)
        if where is not None:
            reach &= branch_reach(parent, child, where)
        reach &= after_exit.get(parent, EVERYWHERE)
        child, parent = parent, parents.get(parent)
    return reach


def returned(returns: list, reach: dict, choices: dict | None = None):
    """What a call of a function gives, from its `(value, return node)` pairs and the platforms each
    return runs on (`reach`, for the returns under a platform test). Contexts returned on disjoint
    platforms (`if "fork" in get_all_start_methods(): return get_context("fork")` then
    `return get_context()`) become one context told per platform; anything else is either value.
    `choices`: the returns of contexts chosen by the start method set or the environment
    (semantic/context_choices): those that never run are left out, an environment's choice is unknown."""
    if choices:
        returns = chosen(returns, choices) or returns
    if len(returns) < 2 or not any(node in reach for _value, node in returns):
        return union(value for value, _node in returns)
    contexts = [(_as_context(value), reach.get(node, EVERYWHERE)) for value, node in returns]
    if not all(type(value) is V.Context for value, _where in contexts):
        return union(value for value, _node in returns)
    per_platform = {}
    for platform in PLATFORMS:
        here = [value for value, where in contexts if platform in where]
        if len(here) != 1:  # two returns may run on one platform: which one is not known here
            return union(value for value, _node in returns)
        per_platform[platform] = here[0]
    linux = per_platform["linux"]
    elsewhere = {p: (c.elsewhere or {}).get(p, c.method or _DEFAULT[p]) for p, c in per_platform.items()
                 if p != "linux"}
    elsewhere = {p: m for p, m in elsewhere.items() if m != linux.method}
    return V.Context(linux.node, linux.method, elsewhere or None)


_METHODS = frozenset({"fork", "spawn", "forkserver"})


def methods_where(test: ast.expr) -> frozenset | None:
    """The start methods under which `test` is true, when it compares the start method in use with
    constants (`get_start_method() == "spawn"`, `ctx.get_start_method() != "fork"`, `... in ("spawn",
    "forkserver")`); else None. `get_start_method(allow_none=True)` may be None: not read."""
    if type(test) is ast.UnaryOp and isinstance(test.op, ast.Not):
        inner = methods_where(test.operand)
        return None if inner is None else _METHODS - inner
    if type(test) is not ast.Compare or len(test.ops) != 1:
        return None
    left, op, right = test.left, test.ops[0], test.comparators[0]
    if not _asks_start_method(left):
        left, right = right, left
        if isinstance(op, (ast.In, ast.NotIn)) or not _asks_start_method(left):
            return None
    if isinstance(op, (ast.Eq, ast.NotEq, ast.Is, ast.IsNot)):
        named = _string(right)
        if named not in _METHODS:
            return None
        found = frozenset({named})
        return found if isinstance(op, (ast.Eq, ast.Is)) else _METHODS - found
    if isinstance(op, (ast.In, ast.NotIn)) and isinstance(right, (ast.Tuple, ast.List, ast.Set)):
        names = [_string(e) for e in right.elts]
        if not names or any(n not in _METHODS for n in names):
            return None
        found = frozenset(names)
        return found if isinstance(op, ast.In) else _METHODS - found
    return None


def _asks_start_method(node) -> bool:
    if type(node) is not ast.Call or node.args or node.keywords:
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name == "get_start_method"
