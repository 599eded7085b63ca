"""MP201 / MP203: an object of a class of this module keeps a lambda in a field (`self.transform = transform`
with `transform=lambda x: x` as the constructor's default, lava #193, or `self.key = lambda r: r[0]`).
Pickle refuses the object for that field; the lambda becomes a module-level function (`lift.lift_lambda`),
which pickle finds by name, so the object keeps the same callable and pickles.

The refused field is the one the pickler named (`whose .transform is a lambda`): the class and the bases its module
defines are searched for the one lambda stored there (`semantic/kept_lambdas.stored_lambda`). A class of another
project module gets the fix in that module's file (`fixes/other_module`).
"""
from __future__ import annotations

from mpguard.semantic.kept_lambdas import field_of, module_lineage, stored_lambda
from mpguard.fixes import _text as T
from mpguard.fixes.lift import lift_lambda
from mpguard.fixes.other_module import in_defining_module, is_foreign


def _fix(ctx, cls, what: str):
    field = field_of(what)
    if field is not None and is_foreign(ctx, cls):  # a class of a helper module: the lambda is lifted there
        return in_defining_module(ctx, cls, lambda view, there: _fix(view, there, what))
    if field is None or ctx.parents.get(cls) is None:
        raise T.CannotFix("not a lambda field of a class of this module")
    lam = stored_lambda(module_lineage(cls, ctx.parents), field)
    if lam is None:
        raise T.CannotFix("the field does not hold one lambda of the class")
    return lift_lambda(ctx, lam, "task")


lambda_field_fix = T.fix_builder(_fix)
