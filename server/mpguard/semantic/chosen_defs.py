"""Which of a factory's local definitions of one name a call of the factory hands out.

A factory may define the function it returns several times, one per branch of a test of its parameter:

    def get_executor(mode="none"):
        if mode == "thread":
            def executor(func, items): return thread_map(func, items)
        elif mode == "process":
            def executor(func, items): return process_map(func, items)
        else:
            def executor(func, items): return [func(x) for x in items]
        return executor

`local_definitions` keeps the last one (what a call of unknown arguments is taken to hand out, as before).
A call whose arguments are known (a literal, or a value the walker knows to be a constant:
`self.config["mode"]` filled from a dict display) reaches exactly one of them: the parameter tests around
each definition (`param_guards.guards`) say which. Precision first: when the arguments leave more than
one (or none) possible, nothing is chosen.
"""
from __future__ import annotations

import ast

from mpguard.semantic import cli_args as C
from mpguard.semantic import values as V
from mpguard.semantic.flow import bind_argument, sites_of
from mpguard.semantic.index import default_expression
from mpguard.semantic.param_guards import guards, reached
from mpguard.semantic.returns import DEFS

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def definitions_named(factory: ast.AST, name: str) -> list:
    """Every function or class `name` defined in `factory`'s body (nested blocks included, not nested
    functions), in source order."""
    found, stack = [], list(reversed(getattr(factory, "body", [])))
    while stack:
        node = stack.pop()
        if isinstance(node, DEFS):
            if node.name == name:
                found.append(node)
            continue
        for field in ("body", "orelse", "finalbody"):
            stack.extend(reversed([s for s in getattr(node, field, ()) or () if isinstance(s, ast.stmt)]))
        for handler in getattr(node, "handlers", ()) or ():
            stack.extend(reversed(handler.body))
    return found


LITERALS = (int, float, str, bool, type(None))


def _literal(value, call_sites: dict, depth: int = 3):
    """(True, the constant) a value is; a parameter every known call site passes that constant for counts
    (`fetch(items, "process")` for `get_executor(mode)`); a union counts when its options other than
    constants are items read off a parameter every known caller leaves None (`self.config = config or
    {"mode": "process"}`, then `self.config["mode"]` with no caller passing `config`: an item of None is
    never the value)."""
    known, python_value = C.literal(value)
    if known:
        return known, python_value
    if type(value) is V.Param and value.kind == "positional" and depth:
        sites = sites_of(call_sites, value)
        found = {_literal(bind_argument(value.function, site, value), call_sites, depth - 1) for site in sites}
        found = {(type(v), v) if k else None for k, v in found}
        if len(found) == 1 and None not in found:
            return True, next(iter(found))[1]
        return False, None
    if type(value) is not V.Union:
        return False, None
    constants = set()
    for option in value.options:
        known, python_value = _literal(option, call_sites, depth - 1) if depth else C.literal(option)
        if known:
            constants.add((type(python_value), python_value))
        elif not _read_off_none(option, call_sites):
            return False, None
    if len(constants) != 1:
        return False, None
    return True, next(iter(constants))[1]


def _read_off_none(value, call_sites: dict) -> bool:
    """Is `value` an item or attribute read off a parameter that every known call site leaves None?"""
    if type(value) is not V.Element:
        return False
    while type(value) is V.Element:
        value = value.of
    if type(value) is not V.Param or value.kind != "positional":
        return False
    sites = sites_of(call_sites, value)
    return bool(sites) and all(_none_passed(value, site) for site in sites)


def _none_passed(param: V.Param, site) -> bool:
    passed = bind_argument(param.function, site, param)
    if passed is not None:
        node = getattr(passed, "node", None)
        return type(passed) is V.Constant and isinstance(node, ast.Constant) and node.value is None
    if any(type(expr) is ast.Starred for expr, _ in site.args) or None in site.kwargs:
        return False
    default = default_expression(param.function, param.name)  # not passed: its default
    return isinstance(default, ast.Constant) and default.value is None


def _known(expr: ast.expr, value, call_sites: dict, as_written=None) -> ast.expr:
    """The argument as the parameter tests read it: a literal when the walker knows the value is one (unless
    `as_written(expr)` says the walker's value of that expression is not to be trusted)."""
    if isinstance(expr, ast.Starred) or (as_written is not None and as_written(expr)):
        return expr
    known, python_value = _literal(value, call_sites)
    if known and type(python_value) in LITERALS:
        return ast.copy_location(ast.Constant(python_value), expr)
    return expr


def known_call(call: ast.Call, args, kwargs: dict, call_sites: dict, as_written=None) -> ast.Call:
    """`call` as the parameter tests read it: each argument (`args` [(expr, value)], `kwargs` {name: (expr,
    value)}) the walker knows to be a literal given as that literal (see `_known` for `as_written`)."""
    return ast.Call(
        func=call.func,
        args=[_known(expr, value, call_sites, as_written) for expr, value in args],
        keywords=[ast.keyword(arg=key, value=_known(expr, value, call_sites, as_written))
                  for key, (expr, value) in kwargs.items() if key is not None]
        + [k for k in call.keywords if k.arg is None])


def chosen_definition(factory: ast.AST, name: str, call: ast.Call, args, kwargs, parents: dict,
                      call_sites: dict, bound: bool = False) -> ast.AST | None:
    """The one local definition `name` of `factory` that `call` (its evaluated `args` [(expr, value)] and
    `kwargs` {name: (expr, value)}) can reach, when the factory defines that name more than once; None
    when it defines it once, or the call may reach several (or none) of them."""
    if not isinstance(factory, FUNCS):
        return None
    candidates = definitions_named(factory, name)
    if len(candidates) < 2:
        return None
    known = known_call(call, args, kwargs, call_sites)
    reachable = [d for d in candidates
                 if (here := guards(d, parents, factory)) is not None and reached((here,), factory, known, bound)]
    return reachable[0] if len(reachable) == 1 else None


def settle_choices(facts, parents: dict) -> None:
    """The calls of a factory's closure whose definition the arguments known during the walk did not choose:
    chosen now that every call site of the module is known (a parameter every caller leaves None), else the
    factory's last definition of the name (what a call of unknown arguments was taken to reach before)."""
    for func, site in facts.pending_choices:
        call, args, kwargs, bound = func.chooser
        chosen = chosen_definition(func.definition, func.name, call, args, kwargs, parents, facts.call_sites, bound)
        if chosen is not None:
            func.made = chosen  # (what the rules' reach follows too)
        made = chosen or definitions_named(func.definition, func.name)[-1]
        if type(made) is ast.FunctionDef:
            facts.call_sites.setdefault(made, []).append(site)
    facts.pending_choices = []
