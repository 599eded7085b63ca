"""MP201-MP209 at a call into another project module whose own code starts a child that fails (issue 12).

`self.handler.process_downloads(docs)` of cve-search's download handler starts `Process(target=
self._db_worker)` while the handler keeps a threading lock; sea_ice_drift's `get_drift_PM()` reaches
`pmlib.pattern_matching`, whose Pool's initializer is a nested function. Nothing the caller passes crosses
into the child, so no sink of the helper's summary says anything; the helper's module reports it at its own
`Process(...)`. The caller's program fails at its call all the same, under the caller's start method:
reported there (the crossing the site, so `--report-at-site` merges it with the helper's own finding).

Which findings are the helper's own is answered by its module (`ProjectResolver.site_findings`): the crossing
findings at the line where a spawning function starts its processes, for functions that no other code of that
module hands values to. The call must reach that site (`imported_spawner`: its parameter conditions judged for
the call's arguments), through helpers of further modules (`ModuleSummary.spawn_via`), as MP413 follows it.
"""
from __future__ import annotations

from pathlib import Path

from mpguard.resolve.project import effects_summary, function_summary, site_findings
from mpguard.semantic.param_guards import spawn_key
from mpguard.text.findings import RelatedFile

SPAWN_DEPTH = 3  # helpers of further modules followed to the line that starts the processes (as daemon_handover)


def reached_sites(ctx) -> None:
    if ctx.resolver is None:
        return
    made = {(f.code, f.start.row, f.start.column) for f in ctx.findings}
    for call, qualified, _args, _kwargs, _where in ctx.facts.project_calls:
        if not ctx.imported_spawner(qualified, call):
            continue
        site = _site(ctx.resolver, qualified)
        if site is None:
            continue
        path, found, callee, decided = site
        # (a parameter decides whether the call starts them: this call's arguments were judged to reach the start)
        called, passes = (", called as here," if decided else "", "" if decided else " whatever this call passes")
        start = ctx.source.node_start(call)
        for code, message, methods, error, line, count in found:
            if count is not None:
                continue  # a pool whose worker count the caller gives (counted_sites judges it)
            key = (code, start.row, start.column)
            if key in made:
                continue
            made.add(key)
            reach = ctx.breaks(None, lambda m, methods=methods: m in methods)
            ctx.report(code, call, f"{callee}(){called} starts processes in {Path(path).name} (line {line}) that fail"
                       f"{passes}: {message}", reach, error=error,
                       related_file=RelatedFile(path, line, "the process is started here", site=True))


def _site(resolver, qualified: str):
    """(path, findings with their rows, callee's name, whether a parameter decides that the call starts them) of
    the module where a call of `qualified` starts its processes, when that module's own code makes them fail; else
    None."""
    summary, name = effects_summary(resolver, qualified)
    if summary is None:
        return None
    callee = name
    guards = getattr(summary, "guards", None) or {}
    decided = spawn_key(name) in guards or spawn_key(f"{name}.__init__") in guards
    if name not in summary.spawning and f"{name}.__init__" in summary.spawning:
        name, qualified = f"{name}.__init__", f"{qualified}.__init__"  # a class: its __init__ starts them
    for _ in range(SPAWN_DEPTH):
        if name in summary.spawn_sites:
            answer, member = site_findings(resolver, qualified)
            found = answer.get(member) if answer is not None else None
            return (summary.path, found, callee, decided) if found else None
        via = summary.spawn_via.get(name)
        if via is None:
            return None
        summary, name = function_summary(resolver, via)
        qualified = via
        if summary is None or name not in summary.spawning:
            return None
    return None
