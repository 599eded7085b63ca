"""MP401 at the import of a project module whose top calls set_start_method() (no force, nothing catches it),
when the importing module fixed the start method before that import runs: an earlier import of a module that
fixes it (its own set_start_method(), get_context(), a Lock made at import), or its own set_start_method() /
get_start_method() / get_context() earlier at the top or in the main block. PyBaMM #3997: `import thing` (which
sets spawn) and then `import pybamm` (whose import sets fork) fails at the second import with "context has
already been set". A call inside a function that imports such a module is lifecycle's `_imports_setting`.

Both must run on every run: at the top or in the main block, under no test, try, loop or `with` (the module's
own call under platform tests only, read into `ModuleSummary.raises_if_fixed`). A module imported before
runs nothing when it is imported again."""
from __future__ import annotations

import ast

from mpguard.resolve.project import acts_at_import
from mpguard.rules.context import Reach
from mpguard.rules.guard import imported_modules
from mpguard.semantic.conditions import EVERYWHERE
from mpguard.semantic.names import is_main_guard
from mpguard.semantic.platforms import ALL_METHODS
from mpguard.text.findings import RelatedFile

ALREADY_SET = "RuntimeError: context has already been set"


def imports_setting_again(ctx) -> None:
    if ctx.resolver is None:
        return
    imports = sorted((e for e in ctx.facts.effects_of("import") if e.where.function is None),
                     key=lambda e: e.where.order)
    seen: set = set()
    for effect in imports:
        modules = imported_modules(effect.node)
        for module in modules:
            if module in seen or not _every_run(ctx, effect.node) or not acts_at_import(ctx.resolver, module):
                continue
            summary = ctx.resolver.module_summary(module)
            raises = getattr(summary, "raises_if_fixed", None) if summary is not None else None
            fixed = _fixed_before(ctx, effect, module) if raises else None
            if fixed is None:
                continue
            line, platforms = raises[0]
            methods = ALL_METHODS if platforms == EVERYWHERE else \
                Reach(ALL_METHODS, (), EVERYWHERE - platforms) if "linux" in platforms else \
                Reach(frozenset(), platforms, EVERYWHERE - platforms)
            ctx.report("MP401", effect.node, f"importing {module} calls set_start_method() (its line {line}), and "
                       f"{fixed} already fixed the start method; that call raises {ALREADY_SET}", methods,
                       related_file=RelatedFile(summary.path, line, "its import calls set_start_method() here",
                                                site=True))
            break
        seen.update(modules)


def _fixed_before(ctx, effect, module: str) -> str | None:
    """What fixed the start method before `effect` (an import) runs, in the same flow; None if nothing surely did."""
    order = effect.where.order
    for other in ctx.facts.effects_of("import"):
        if other.where.function is not None or other.where.order >= order or not _every_run(ctx, other.node) \
                or ctx.exclusive(other.node, effect.node):
            continue
        for name in imported_modules(other.node):
            if name == module or not acts_at_import(ctx.resolver, name):
                continue
            summary = ctx.resolver.module_summary(name)
            if summary is not None and getattr(summary, "fixes_start_method", None):
                line, _text = summary.fixes_start_method[0]
                return f"importing {name} on line {other.node.lineno} (its line {line})"
    for call in ctx.facts.start_methods:
        if call.where.function is not None or call.where.order >= order or call.conditional \
                or not _every_run(ctx, call.node) or ctx.exclusive(call.node, effect.node):
            continue
        if call.name == "set_start_method" or call.name == "get_start_method" and not call.allow_none \
                or call.name == "get_context" and call.method is None:
            return f"{call.name}() on line {call.node.lineno}"
    return None


def _every_run(ctx, node) -> bool:
    """At the module's top or in its main block, under no other test, try, loop or `with`."""
    parent = ctx.parents.get(node)
    while parent is not None and not isinstance(parent, ast.Module):
        if isinstance(parent, ast.If):
            if not (is_main_guard(parent.test) and _in_body(parent, node)):
                return False
        elif not isinstance(parent, (ast.Expr, ast.Call, ast.Assign, ast.Attribute)):
            return False
        node, parent = parent, ctx.parents.get(parent)
    return parent is not None


def _in_body(statement, node) -> bool:
    return any(child is node for child in statement.body)

