"""Calls of another project module's function that fix the default start method whenever they run
(`ModuleSummary.fixing`, linter/context_fixes.py): asked by MP401 for a set_start_method() nothing in its own
module fixed before. Read only then: the callee's summary is built for these calls alone."""
from __future__ import annotations

from mpguard.resolve.project import function_summary
from mpguard.text.findings import RelatedFile


def fixing_calls(ctx, fixed_by: dict) -> list:
    """(where, call) of each call of a project function that fixes the start method, in the walk's order; fills
    `fixed_by` (id(call) -> (the words a finding adds, the callee's line that makes it as a RelatedFile))."""
    memo = ctx.memo.get("fixing calls")
    if memo is not None:
        fixed_by.update(memo[1])
        return memo[0]
    out, words = [], {}
    if ctx.resolver is not None:
        for call, qualified, _args, _kwargs, where in ctx.facts.project_calls:
            summary, name = function_summary(ctx.resolver, qualified)
            found = getattr(summary, "fixing", {}).get(name) if summary is not None and isinstance(name, str) \
                else None
            if found is not None:
                line, what = found
                out.append((where, call))
                words[id(call)] = (f" by {qualified}() ({what}, its module's line {line})",
                                   RelatedFile(summary.path, line, "the start method is fixed here"))
    ctx.memo["fixing calls"] = (out, words)
    fixed_by.update(words)
    return out
