"""MP201 / MP203 / MP207: one fix for a value pickle refuses, chosen where the value is made.

In order: a threading primitive handed to a child becomes a multiprocessing one (`arguments`); a lambda
held by an object becomes a module-level function and a nested function or local class is lifted
(`lift`); a generator becomes a list where it is made (`arguments`); an object refused for a field it
holds leaves the field out of its state and builds it again (`pickled_state`). One builder, so that a
lazily built fix (`mpguard check` builds only what its output shows) makes the same choice.
"""
from __future__ import annotations

import ast

from mpguard.semantic.pickle_problems import Elsewhere, Problem, origin_of
from mpguard.fixes import _text as T
from mpguard.fixes.arguments import generator_argument_fix, thread_primitive_fix
from mpguard.fixes.cursor_result import cursor_result_fix
from mpguard.fixes.foreign_state import foreign_state_fix
from mpguard.fixes.lambda_field import lambda_field_fix
from mpguard.fixes.lift import callable_fix
from mpguard.fixes.match_result import match_result_fix
from mpguard.fixes.other_module import is_foreign, returned_elsewhere
from mpguard.fixes.pickled_state import pickled_state_fix
from mpguard.fixes.unread_fields import sent_methods, target_fields_fix, unread_fields_fix


def _refused_value(ctx, node, problem, primitives: bool = True):
    fix = thread_primitive_fix(ctx, node, problem) if primitives else None
    if fix is None:
        origin = origin_of(problem)
        if origin is None and problem.kind == "state":  # kept by an object: what a helper's function returned
            origin = returned_elsewhere(ctx, problem.what)
        if isinstance(origin, Elsewhere) or is_foreign(ctx, origin) and isinstance(origin, (ast.Lambda, *T.DEFS)):
            # made in a helper module of the project (a lambda, a nested def, or the factory returning its closure):
            # lifted there (fixes/other_module)
            local = isinstance(origin, T.DEFS) or getattr(origin, "kind", "") == "local"
            fix = callable_fix(ctx, problem, None) if problem.kind in ("lambda", "local") \
                and problem.definition is not None else callable_fix(
                    ctx, Problem("local" if local else "lambda", "the value made there", problem.error, origin), None)
        elif isinstance(origin, T.DEFS):
            fix = None  # (a factory of this module: its closure is named where the finding is, not here)
        elif isinstance(origin, ast.Lambda):
            fix = callable_fix(ctx, Problem("lambda", problem.what, problem.error, origin), None)
        elif origin is not None:
            fix = generator_argument_fix(ctx, origin)
        elif problem.kind == "unpicklable" and "'re.Match'" in problem.error and isinstance(node, ast.Return):
            fix = match_result_fix(ctx, node)  # the named groups of the match, as a dict
        elif problem.kind == "unpicklable" and "sqlite3.Cursor" in problem.what and isinstance(node, ast.Return):
            fix = cursor_result_fix(ctx, node, problem)  # the cursor's rows, as a list
        elif problem.kind == "local":  # a nested function or local class: lifted to module level
            fix = callable_fix(ctx, problem, None)
        elif problem.kind == "state" and isinstance(problem.definition, ast.ClassDef):
            fix = lambda_field_fix(ctx, problem.definition, problem.what)  # a lambda the object keeps: named
            if fix is None:
                fix = pickled_state_fix(ctx, problem.definition)
            methods = sent_methods(ctx, node, problem.definition) if fix is None else None
            if methods:  # a bound method in the task's arguments, of an object holding a pool ...
                fix = unread_fields_fix(ctx, problem.definition, methods)
            elif fix is None:  # the object in a Process's args, whose target reads only some of its fields
                fix = target_fields_fix(ctx, node, problem.definition)
            if fix is None:  # a lock kept by an object of another project module's class: copyreg, from here
                fix = foreign_state_fix(ctx, problem.definition)
    if fix is None:
        raise T.CannotFix("no fix for this value")
    return fix


# Public builder (rules call it): None when out of reach or when the result would not parse.
refused_value_fix = T.fix_builder(_refused_value)
