"""MP302 for a class attribute of another project module that the parent sets through a classmethod
and a child reads.

`Settings.configure(scale=10)` in the parent runs `cls.scale = scale` in flowkit/settings.py; a pool
task reads `Settings.get().scale` (or `Settings.scale`). pickle sends the task by reference, a spawned
or forkserver child imports flowkit.settings afresh and sees the class's import-time value; a forked
child has the parent's. The write is made in the other module, so it is reported at the call in the
checked file that makes it (the convention of docs/corpus.md), with the classmethod's write as a
related location.

What a child reads: the attribute on the class itself, on an instance made by calling the class, or on
what a classmethod returns when it returns an instance of its class (`return cls()`, or the singleton
`cls._instance` it stores `cls()` in). A child that calls a writing classmethod itself (a pool
initializer that configures the class again) sets its own value: silent.
"""
from __future__ import annotations

import ast

from mpguard.resolve.project import names_summary
from mpguard.semantic.index import nodes_in
from mpguard.text.findings import RelatedFile

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def class_writes(method) -> dict:
    """attribute -> line: `cls.x = ...` in a classmethod (its first parameter names the class)."""
    if not isinstance(method, FUNCS) or not method.args.args \
            or not any(isinstance(d, ast.Name) and d.id == "classmethod" for d in method.decorator_list):
        return {}
    owner = method.args.args[0].arg
    out: dict = {}
    for node in ast.walk(method):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, (ast.AugAssign, ast.AnnAssign)) else []
        for target in targets:
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == owner:
                out.setdefault(target.attr, node.lineno)
    return out


def returns_own_instance(method) -> bool:
    """A classmethod whose every return gives an instance of its class: `cls(...)`, or an attribute of
    the class it has just stored `cls(...)` in (a singleton)."""
    if not isinstance(method, FUNCS) or not method.args.args \
            or not any(isinstance(d, ast.Name) and d.id == "classmethod" for d in method.decorator_list):
        return False
    owner = method.args.args[0].arg
    made = set()  # attributes of the class that hold an instance made here
    for node in ast.walk(method):
        if isinstance(node, ast.Assign) and _makes(node.value, owner):
            made |= {t.attr for t in node.targets if isinstance(t, ast.Attribute)
                     and isinstance(t.value, ast.Name) and t.value.id == owner}
    returns = [n for n in ast.walk(method) if isinstance(n, ast.Return)]
    return bool(returns) and all(
        n.value is not None and (_makes(n.value, owner) or isinstance(n.value, ast.Attribute)
                                 and isinstance(n.value.value, ast.Name) and n.value.value.id == owner
                                 and n.value.attr in made)
        for n in returns)


def _makes(value, owner: str) -> bool:
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == owner


def imported_class_settings(ctx) -> None:
    if ctx.resolver is None or not ctx.facts.project_calls:
        return
    parents_run, children = ctx.parent_functions, ctx.child_functions
    writers: dict = {}  # qualified class -> {qualified method: {attribute: line}}
    for call, qualified, _args, _kwargs, where in ctx.facts.project_calls:
        summary, name = names_summary(ctx.resolver, qualified)
        cls_name, _, method_name = name.partition(".") if name else ("", "", "")
        cls = summary.definitions.get(cls_name) if summary is not None and method_name else None
        method = next((f for f in cls.body if isinstance(f, FUNCS) and f.name == method_name), None) \
            if isinstance(cls, ast.ClassDef) else None
        written = class_writes(method)
        if written:
            writers.setdefault(qualified.rpartition(".")[0], {})[qualified] = written
    if not writers:
        return
    for call, qualified, _args, _kwargs, where in ctx.facts.project_calls:
        owner = qualified.rpartition(".")[0]
        written = writers.get(owner, {}).get(qualified)
        if not written or where.function in children or not (where.guarded or where.function in parents_run):
            continue
        summary, name = names_summary(ctx.resolver, qualified)
        cls = summary.definitions[name.partition(".")[0]]
        if _set_in_children(ctx, writers[owner], set(written), children):
            continue
        read = _child_reads(ctx, owner, cls, set(written), children, parents_run)
        if not read:
            continue
        attribute, methods = read
        label = f"{cls.name}.{attribute}"
        ctx.report("MP302", call, f"`{label}` is set by the parent at run time ({qualified.rpartition('.')[2]}() of "
                   f"{owner.rpartition('.')[0]} assigns it) but read by a child; a child that re-imports the module "
                   "sees its import-time value", methods,
                   related_file=RelatedFile(summary.path, written[attribute], f"`{label}` is assigned here"))


def _set_in_children(ctx, writing: dict, attributes: set, children) -> bool:
    """Does code that runs in a child call a classmethod of the class that sets one of `attributes` (an
    initializer that configures the class again)?"""
    return any(where.function in children and attributes & set(writing.get(qualified, ()))
               for _call, qualified, _a, _k, where in ctx.facts.project_calls)


def _child_reads(ctx, owner: str, cls: ast.ClassDef, attributes: set, children, parents_run):
    """(attribute, start methods under which the child misses the parent's value) for the first read of
    one of `attributes` of the class `owner` (qualified) in code that runs in a child only."""
    own = {f.name for f in cls.body if returns_own_instance(f)}
    for func, kids in children.items():
        if func in parents_run or not isinstance(func, FUNCS):
            continue
        holders = set()  # local names that hold the class or an instance of it
        for node in nodes_in(func):
            if isinstance(node, ast.Assign) and _instance_of(ctx, node.value, owner, own):
                holders |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        for node in nodes_in(func):
            if isinstance(node, ast.Attribute) and node.attr in attributes and isinstance(node.ctx, ast.Load) and (
                    ctx.imports.qualify(node.value) == owner or _instance_of(ctx, node.value, owner, own)
                    or isinstance(node.value, ast.Name) and node.value.id in holders):
                methods = frozenset()
                for child in kids:
                    methods |= ctx.breaks(child.method, lambda m: m != "fork")
                return node.attr, methods
    return None


def _instance_of(ctx, value, owner: str, own: set) -> bool:
    """`Settings()`, `Settings.get()` (a classmethod returning an instance of its class)."""
    if not isinstance(value, ast.Call):
        return False
    qualified = ctx.imports.qualify(value.func)
    if qualified == owner:
        return True
    return qualified is not None and qualified.rpartition(".")[0] == owner and qualified.rpartition(".")[2] in own
