"""The constant a parameter holds in every call of its function: what each call site of this module passes
for it, or the parameter's default where a call leaves it out (`make_jobs(2)` of `def make_jobs(n,
per_shard=8000)`; `run_workflow(nodes)` of `def run_workflow(nodes, plugin="MultiProc")`). Unknown when a
call gives something else, spreads `*args` / `**options` that may give it, or the function rebinds the name,
or no call site is known."""
from __future__ import annotations

import ast

from mpguard.semantic import cli_args as C
from mpguard.semantic import values as V
from mpguard.semantic.flow import bind_argument

UNKNOWN = (False, None)


def passed_constants(ctx, function, name: str) -> tuple:
    """(True, [each call's constant]) for the parameter `name` of `function`, else UNKNOWN."""
    if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return UNKNOWN
    arguments = function.args
    positional = [*arguments.posonlyargs, *arguments.args]
    defaults = dict(zip([a.arg for a in positional][len(positional) - len(arguments.defaults):], arguments.defaults))
    defaults.update((a.arg, d) for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults) if d is not None)
    kinds = {**{a.arg: "positional" for a in positional}, **{a.arg: "keyword" for a in arguments.kwonlyargs}}
    sites = ctx.facts.call_sites.get(function, ())
    if name not in kinds or not sites or rebound(ctx, function, name):
        return UNKNOWN
    found = []
    for site in sites:
        if any(isinstance(a, ast.Starred) for a, _v in site.args):
            return UNKNOWN  # (`*args` may give it)
        index = next((i for i, a in enumerate(positional) if a.arg == name), None)
        passed = name in site.kwargs or index is not None and index - bool(site.bound) < len(site.args)
        if not passed and None in site.kwargs:
            return UNKNOWN  # (`**options` may give it)
        given = bind_argument(function, site, V.Param(site.call, function, name, kinds[name])) if passed else None
        known, constant = C.literal(given) if passed else (
            isinstance(defaults.get(name), ast.Constant), getattr(defaults.get(name), "value", None))
        if not known:
            return UNKNOWN
        found.append(constant)
    return True, found


def rebound(ctx, func, name: str) -> bool:
    """Does `func` bind `name` anywhere but as its parameter?"""
    return any(isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)
               for n in ctx.nodes_of(func))
