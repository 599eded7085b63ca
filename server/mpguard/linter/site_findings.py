"""What a project module's spawning functions start that fails whatever their caller gives (issue 12).

A script that calls `handler.process_downloads(docs)` of another project module, whose method starts
`Process(target=self._db_worker)` while the handler keeps a `threading.Lock`, fails at that call under
spawn, although nothing the script passes crosses into the child: the helper's own values do. The helper's
module reports that at its `Process(...)`; its callers in other modules heard nothing. This answer (asked
through `ProjectResolver.site_findings`, built only when a rule asks) runs the rules over the helper's
module and keeps, for each of its spawning functions and methods, the crossing findings (`CROSSING_CODES`)
inside the functions of the module it runs (its `Pool(...)`, the `pool.map(self._write_one, rows)` of a method
it calls): each is a line where a call of it starts a child that fails.

A finding at that line may come from a value another function of the same module hands in (`demo()` calling
`run(lambda: 1)`: the module reports it at `run`'s `Process(...)` as well as at the call). A caller of
`run` from another module gives its own value, so such a finding is not the caller's. Kept only for a
function whose chain (what it calls in its module, and for a method its class's `__init__`) nothing else
of the module refers to: its parameters are then unknown in the module's own analysis, and a finding at its
site comes from the chain's own code.

A pool whose worker count is such a function's parameter (`DataLoader(ds, num_workers=num_workers,
worker_init_fn=lambda i: ...)`: catalyst #1024) starts processes only when the caller gives a count above its least:
the module's own analysis forgets it, this one keeps it, and its findings carry that condition (the parameter, the
least count), which the caller's call judges (rules/reached_sites).
"""
from __future__ import annotations

import ast

from mpguard.linter.analyze import run_rules
from mpguard.linter.settings import Settings
from mpguard.linter.trees import TREES
from mpguard.rules.context import CROSSING_CODES
from mpguard.semantic.names import package_name
from mpguard.text.source import SourceDecodeError, SourceText, decode_source

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def site_findings(data: bytes | str, path: str, module: str, resolver=None) -> dict:
    """name ("func" or "Class.method") -> ((code, message, start methods, error, row, count), ...): the crossing
    findings inside what each spawning function of the module runs (itself and the functions of the module it
    reaches), for those whose own code makes them fail. `count`: None, or (parameter, least) for a finding at a pool
    whose worker count is that parameter of the function (it fails only for a caller giving more than `least`)."""
    try:
        text = data if isinstance(data, str) else decode_source(data)
        tree = TREES.own(text, path)
        # The rules run over this module alone, as over a file checked without its project (no resolver: a value
        # another module would explain is unknown, and says nothing), so that asking about one helper never
        # summarises every module it imports (issue 16); with the default settings: the caller applies its own
        # start method and targets to what it reports.
        ctx = run_rules(tree, SourceText(text), path, None, package_name(module, path), Settings(), fixes=False,
                        keep_param_counts=True)
    except (SyntaxError, SourceDecodeError, RecursionError, MemoryError, ValueError):
        return {}
    findings = [f for f in ctx.findings if f.code in CROSSING_CODES and f.start_methods
                and not f.extra_platforms and not f.unreachable_on and f.python_versions is None]
    if not findings:
        return {}
    named = {f: f.name for f in tree.body if isinstance(f, FUNCS)}
    classes = {}
    for cls in tree.body:
        if isinstance(cls, ast.ClassDef):
            for f in cls.body:
                if isinstance(f, FUNCS):
                    named[f] = f"{cls.name}.{f.name}"
                    classes[f] = cls
    answer = {}
    for function, name in named.items():
        counted = _counted_spans(ctx, function)
        if function not in ctx.spawning_functions and not counted:
            continue
        spans = [(f.lineno, f.end_lineno) for f in ctx.reachable([function]) if isinstance(f, FUNCS)]
        found = tuple((f.code, f.message, f.start_methods, f.error, f.start.row,
                       next((c for first, last, c in counted if first <= f.start.row <= last), None))
                      for f in findings if any(first <= f.start.row <= last for first, last in spans))
        if found and _own_chain(ctx, tree, function, classes.get(function)):
            answer[name] = found
    return answer


def _counted_spans(ctx, function) -> list:
    """[(first row, last row, (parameter, least))] of the pools kept although their worker count is a parameter
    (Walker.keep_param_counts) that belongs to `function` itself."""
    out = []
    for pool, param, least in ctx.facts.param_counts:
        node = getattr(pool, "node", None)
        if param.function is function and node is not None:
            out.append((node.lineno, getattr(node, "end_lineno", node.lineno), (param.name, least)))
    return out


def _own_chain(ctx, tree: ast.Module, function, cls) -> bool:
    """Does nothing outside `function`'s chain (the functions it reaches in this module, and for a method its
    class's `__init__`) refer to a function of the chain (or, for a method, to its class)? Then no other code
    of the module gives the chain's parameters a value."""
    roots = [function]
    if cls is not None:
        roots += [f for f in cls.body if isinstance(f, FUNCS) and f.name == "__init__"]
    chain = ctx.reachable(roots)
    names = {f.name for f in chain if isinstance(f, FUNCS)}
    if cls is not None:
        names.add(cls.name)
    inside = {id(n) for f in chain if isinstance(f, FUNCS) for n in ast.walk(f)}
    for node in ast.walk(tree):
        if id(node) in inside or node in chain:
            continue
        if type(node) is ast.Name and node.id in names or type(node) is ast.Attribute and node.attr in names:
            return False
    return True
