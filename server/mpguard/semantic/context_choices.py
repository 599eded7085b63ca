"""Which context a function gives back when the tests that choose between its returns are about the start
method the program set, or about the environment (HojiChar PR #103, fresh_reports17 hojichar103):

    def _get_context():
        requested = os.environ.get("HOJICHAR_MP_START_METHOD", "").strip()
        if requested == "default":
            return multiprocessing.get_context()
        if requested:
            return multiprocessing.get_context(requested)
        if multiprocessing.get_start_method(allow_none=True) is None:
            try:
                return multiprocessing.get_context("fork")
            except ValueError:
                pass
        return multiprocessing.get_context()

- `get_start_method(allow_none=True) is None` holds exactly when nothing has set a start method. In a module
  that never calls `set_start_method`, the returns under the true side are the ones that run and a return
  that runs only when it is false (its `else`, or after an `if` whose body always leaves) never does: it is
  dropped. A module that sets a method somewhere keeps every return (which runs first is not told here). A
  caller in another module that sets the method before calling is not seen: then the context named under
  the test is reported where the set one would be, and a finding may be missed, never made up.
- A test that reads an environment variable (directly, or a local assigned from `os.environ`/`os.getenv`)
  cannot be settled: the context a return under it gives is one option among the others, and the call
  gives one context only when every option has the same method; otherwise its method is unknown, and the
  rules then say only what bites under any method.
"""
from __future__ import annotations

import ast
from typing import NamedTuple

from mpguard.semantic import values as V
from mpguard.semantic.index import statements_before
from mpguard.semantic.names import MULTIPROCESSING_PACKAGES

_ENVIRONMENT = frozenset({"os.environ", "os.getenv", "os.environb", "os.getenvb"})
_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
_TRIES = (ast.Try, getattr(ast, "TryStar", ast.Try))


class Choice(NamedTuple):
    """What the tests around a `return` say: it never runs when nothing set a start method (`dead`), or it
    is chosen by the environment (`environment`)."""

    dead: bool
    environment: bool


def gives_context(value) -> bool:
    """Is a returned value a context (the only returns whose choice is noted)?"""
    return type(_context(value)) is V.Context


def choice_of(ret: ast.Return, function, parents: dict, imports, sets_method, memo: dict) -> Choice | None:
    """The Choice of a `return` of `function`, None when no test around it is about the start method set or
    the environment. `sets_method()`: does the module set a start method anywhere (asked only when needed);
    `memo`: the walker's, for what each function assigns to its names (read once per function)."""
    if not isinstance(function, _FUNCS):
        return None
    unset_runs, environment, unset_env_dead = None, False, False
    child, parent = ret, parents.get(ret)
    while parent is not None and child is not function:
        if type(parent) is ast.If:
            inside = _side(parent, child)
            if inside is not None:
                truth = _unset_truth(parent.test)
                if truth is not None:
                    unset_runs = _and(unset_runs, truth == inside)
                assigned = _assignments(function, memo)
                env_truth = _unset_environment_truth(parent.test, assigned, imports)
                if env_truth is not None:
                    unset_env_dead = unset_env_dead or env_truth != inside
                else:
                    environment = environment or _reads_environment(parent.test, assigned, imports)
        for before in statements_before(parent, child):
            if type(before) is ast.If and _leaves(before.body) and not _leaves(before.orelse):
                truth = _unset_truth(before.test)  # what follows runs only where the test was false
                if truth is not None:
                    unset_runs = _and(unset_runs, truth is False)
                assigned = _assignments(function, memo)
                env_truth = _unset_environment_truth(before.test, assigned, imports)
                if env_truth is not None:
                    unset_env_dead = unset_env_dead or env_truth is True
                else:
                    environment = environment or _reads_environment(before.test, assigned, imports)
        child, parent = parent, parents.get(parent)
    if unset_runs is None and not environment and not unset_env_dead:
        return None
    dead = (unset_runs is False and not sets_method()) or unset_env_dead
    return Choice(dead, environment)


def chosen(returns: list, choices: dict) -> list | None:
    """The (value, return) pairs left once the returns that never run are dropped, or [(unknown context,
    return)] when a return chosen by the environment gives another context than the others; None when the
    choices say nothing about these returns (or they are not all contexts)."""
    marked = [choices.get(node) for _value, node in returns]
    if not any(marked) or not all(type(_context(value)) is V.Context for value, _node in returns):
        return None
    left = [(value, node) for (value, node), choice in zip(returns, marked) if not (choice and choice.dead)]
    if not left:
        return None
    kinds = {(_context(v).method, tuple(sorted((_context(v).elsewhere or {}).items()))) for v, _node in left}
    if len(kinds) > 1 and any(choices.get(node) and choices[node].environment for _value, node in left):
        return [(V.Context(left[0][1], "unknown"), left[0][1])]
    return left


def _context(value):
    """`multiprocessing` itself, used as a context, is the default context."""
    if type(value) is V.ModuleRef and value.qualified in MULTIPROCESSING_PACKAGES:
        return V.Context(value.node, None)
    return value


def _and(known, truth: bool) -> bool:
    return truth if known is None else known and truth


def _side(parent: ast.If, child) -> bool | None:
    if any(s is child for s in parent.body):
        return True
    if any(s is child for s in parent.orelse):
        return False
    return None  # (the test itself)


def _leaves(stmts) -> bool:
    """Does a block always leave the function's current block: its last statement returns or raises, or it is
    an `if` whose branches both leave, or a `try` whose body leaves and whose handlers leave or only catch the
    ValueError of a start method the platform lacks (`try: return get_context("fork") except ValueError:
    pass`: where fork exists the body returned; elsewhere, Windows, the fallthrough is not followed: a
    finding there may be missed)."""
    if not stmts:
        return False
    last = stmts[-1]
    if isinstance(last, (ast.Return, ast.Raise)):
        return True
    if type(last) is ast.If:
        return _leaves(last.body) and _leaves(last.orelse)
    if isinstance(last, _TRIES):
        return _leaves(last.body) and all(_leaves(h.body) or _catches_value_error(h) for h in last.handlers)
    return False


def _catches_value_error(handler: ast.ExceptHandler) -> bool:
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(k, ast.Name) and k.id == "ValueError" for k in kinds)


def _unset_truth(test) -> bool | None:
    """When the test is true: nothing set a start method (True), one was set (False); None for another test.
    `get_start_method(allow_none=True) is None` / `== None` / `not ...`, and their negations."""
    if type(test) is ast.UnaryOp and isinstance(test.op, ast.Not):
        inner = _unset_truth(test.operand)
        return None if inner is None else not inner
    if _asks_allow_none(test):
        return False  # a method name (truthy) when one was set
    if type(test) is ast.Compare and len(test.ops) == 1:
        left, right, op = test.left, test.comparators[0], test.ops[0]
        if _asks_allow_none(right):
            left, right = right, left
        if _asks_allow_none(left) and isinstance(right, ast.Constant) and right.value is None:
            if isinstance(op, (ast.Is, ast.Eq)):
                return True
            if isinstance(op, (ast.IsNot, ast.NotEq)):
                return False
    return None


def _asks_allow_none(node) -> bool:
    if type(node) is not ast.Call or node.args:
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name == "get_start_method" and any(
        k.arg == "allow_none" and isinstance(k.value, ast.Constant) and k.value.value is True for k in node.keywords)


def _unset_environment_truth(test, assigned: dict, imports) -> bool | None:
    """The truth of a test of an environment variable as the program runs when the variable is not set (as the
    rest of mpguard reads an environment default): `os.environ.get("X")`, `os.getenv("X", "")`, a local assigned
    once from one of them (`.strip()`/`.lower()` kept), compared `==` with a non-empty constant, or `"X" in
    os.environ`, are all false then. None for any other test (then the choice stays unknown)."""
    if type(test) is ast.Compare and len(test.ops) == 1:
        if type(test.ops[0]) is ast.In and type(test.left) is ast.Constant \
                and imports.qualify(test.comparators[0]) == "os.environ":
            return False
        if type(test.ops[0]) is ast.Eq and type(test.comparators[0]) is ast.Constant \
                and isinstance(test.comparators[0].value, str) and test.comparators[0].value:
            return False if _empty_when_unset(test.left, assigned, imports) else None
        return None
    return False if _empty_when_unset(test, assigned, imports) else None


def _empty_when_unset(expr, assigned: dict, imports, depth: int = 0) -> bool:
    """Is `expr` "" or None when its environment variable is not set?"""
    while type(expr) is ast.Call and type(expr.func) is ast.Attribute and expr.func.attr in ("strip", "lower", "upper") \
            and not expr.args:
        expr = expr.func.value
    if type(expr) is ast.Name and depth < 2:
        values = assigned.get(expr.id, ())
        return len(values) == 1 and _empty_when_unset(values[0], assigned, imports, depth + 1)
    if type(expr) is not ast.Call or expr.keywords or not expr.args or len(expr.args) > 2:
        return False
    qualified = imports.qualify(expr.func)
    if qualified not in ("os.environ.get", "os.getenv"):
        return False
    default = expr.args[1] if len(expr.args) == 2 else None
    return default is None or (type(default) is ast.Constant and default.value in ("", None))


def _reads_environment(test, assigned: dict, imports, depth: int = 0) -> bool:
    """Does the test read an environment variable: `os.environ`/`os.getenv` in it, or a name assigned in the
    function from an expression that does (`requested = os.environ.get(ENV, "").strip()`)?"""
    for node in ast.walk(test):
        if isinstance(node, (ast.Attribute, ast.Name)) and imports.qualify(node) in _ENVIRONMENT:
            return True
        if type(node) is ast.Name and isinstance(node.ctx, ast.Load) and depth < 2:
            if any(_reads_environment(value, assigned, imports, depth + 1) for value in assigned.get(node.id, ())):
                return True
    return False


def _assignments(function, memo: dict) -> dict:
    """name -> the values assigned to it in the function's own body (not in nested functions), once per function."""
    known = memo.get(function)
    if known is not None:
        return known
    out: dict = {}
    todo = list(function.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (*_FUNCS, ast.Lambda, ast.ClassDef)):
            continue
        if type(node) is ast.Assign:
            for target in node.targets:
                if type(target) is ast.Name:
                    out.setdefault(target.id, []).append(node.value)
        elif type(node) in (ast.AnnAssign, ast.NamedExpr) and type(node.target) is ast.Name and node.value is not None:
            out.setdefault(node.target.id, []).append(node.value)
        todo.extend(ast.iter_child_nodes(node))
    memo[function] = out
    return out
