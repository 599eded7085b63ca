"""MP201-MP209 at a call into another project module's function whose pool's worker count is the caller's argument.

catalyst #1024: `get_loaders_from_params(datasets, num_workers=params["num_workers"], ...)` of another module makes
`DataLoader(**loader_params)` with `worker_init_fn = lambda x: ...`, and its `num_workers` is its parameter. The helper
module alone cannot say whether that loader starts workers (no call of it there gives a count), so it reports
nothing; the caller's count decides. When the argument settles, in the caller's module, to a count above the pool's
least (a DataLoader's `num_workers=1` already starts a worker), the findings the helper's module makes at that pool
as if a caller gave one (linter/site_findings, `count`) are the caller's: reported at the call, the pool's line as
its site, and at the statement importing the helper's module (the failing value is made there, as
`report_at_origin` says). An argument that does not settle says nothing (precision first)."""
from __future__ import annotations

import ast
from pathlib import Path

from mpguard.resolve.project import effects_summary, site_findings
from mpguard.semantic import values as V
from mpguard.semantic.flow import CallSite, Flow, bind_argument
from mpguard.semantic.library_calls import settled_name
from mpguard.text.findings import RelatedFile

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def counted_sites(ctx) -> None:
    if ctx.resolver is None:
        return
    made = {(f.code, f.start.row, f.start.column) for f in ctx.findings}
    for call, qualified, args, kwargs, _where in ctx.facts.project_calls:
        summary, name = effects_summary(ctx.resolver, qualified)
        counted = summary.counted.get(name) if summary is not None else None
        if counted is None:
            continue
        param, least = counted
        function = summary.definitions.get(name)
        if not isinstance(function, FUNCS):
            continue
        count = _given_count(ctx, call, args, kwargs, function, param)
        if not isinstance(count, int) or isinstance(count, bool) or count <= least:
            continue
        answer, member = site_findings(ctx.resolver, qualified)
        found = answer.get(member) if answer is not None else None
        start = ctx.source.node_start(call)
        for code, message, methods, error, line, guard in found or ():
            if guard != counted or (code, start.row, start.column) in made:
                continue
            made.add((code, start.row, start.column))
            reach = ctx.breaks(None, lambda m, methods=methods: m in methods)
            text = f"{name}() is given {count} workers ({param}={count}), so it starts processes in " \
                f"{Path(summary.path).name} (line {line}) that fail: {message}"
            ctx.report(code, call, text, reach, error=error,
                       related_file=RelatedFile(summary.path, line, "the processes are started here", site=True))
            ctx.report_at_origin(code, call, text, reach, RelatedFile(summary.path, line, "the processes are started "
                                                                                        "here"), error=error)


def _given_count(ctx, call, args, kwargs, function, param: str):
    """The constant the call gives `function`'s parameter `param`, resolved in this module as the walk settles its
    own pools' counts (library_calls.settle_counts); None when not known."""
    resolve = ctx.memo.get("count flow")
    if resolve is None:
        facts = ctx.facts
        resolve = ctx.memo["count flow"] = Flow(facts.call_sites, facts.functions, lineage=facts.lineage).resolve
    site = CallSite(call, list(args), dict(kwargs), False)
    value = bind_argument(function, site, V.Param(call, function=function, name=param), resolve)
    if value is None:
        return None
    found = settled_name(value, resolve)
    # (`params["num_workers"]` of `self.config["loaders"]`, a config that is a file's or the module's dict: the flow
    # reads the item of each option it can, as it does for the module's own parameter)
    return found if found is not None else settled_name(resolve(value), resolve)
