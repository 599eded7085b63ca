"""MP401 / MP402: `set_start_method()` that raises `RuntimeError: context has already been set`.

The fix adds `force=True`.
* MP402 (a call at import time, run again by each child that re-imports the module): the child sets
  the same method its parent already gave it, so forcing changes nothing else. SAFE.
* MP401 (a call after the method was fixed, or a second call): forcing switches the method for the
  processes started later, while objects made earlier (queues, locks, pools) keep the old context.
  UNSAFE: the message says so; an explicit `get_context(...)` object is the alternative.
"""
from __future__ import annotations

import ast

from mpguard.core.model import Applicability, Edit, Fix
from mpguard.fixes import _text as T


def _fix(ctx, fact):
    node = fact.node
    if not isinstance(node, ast.Call) or fact.name != "set_start_method" or fact.force:
        return None
    if any(k.arg == "force" or k.arg is None for k in node.keywords):
        return None
    if not node.args and not node.keywords:
        return None
    last = max([*node.args, *(k.value for k in node.keywords)], key=lambda n: (n.end_lineno, n.end_col_offset))
    pos = ctx.source.node_end(last)
    edit = Edit(pos, pos, ", force=True")
    if ctx.at_import(fact.where):
        return Fix("Add `force=True`: a child that re-imports the module sets the same method again",
                   Applicability.SAFE, (edit,))
    return Fix("Add `force=True` (unsafe: processes started later use the new method, while queues, locks "
               "and pools made earlier keep the old one; an explicit `multiprocessing.get_context(...)` "
               "object avoids the global switch)", Applicability.UNSAFE, (edit,))


# Public builders (rules call these): None when out of reach or when the result would not parse.
force_or_context_fix = T.fix_builder(_fix)
