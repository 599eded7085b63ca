"""MP401 / MP402: `set_start_method()` that raises `RuntimeError: context has already been set`.

The fix adds `force=True`.
* MP402 (a call at import time, run again by each child that re-imports the module): the child sets
  the same method its parent already gave it, so forcing changes nothing else. SAFE.
* MP401 (a call after the method was fixed, or a second call): forcing switches the method for the
  processes started later, while objects made earlier (queues, locks, pools) keep the old context.
  UNSAFE: the message says so; an explicit `get_context(...)` object is the alternative.

MP205: a Queue, Lock or Value made from the default context and handed to a Process of an explicit
context: `mp.Queue()` becomes `<that context>.Queue()`. The context is either a `get_context("...")`
call (repeated: it returns the same context object) or a name bound to one before the object is
made. SAFE: where the default is that method nothing changes, and elsewhere the object now works
with the process it is given to. A context the object cannot be made from where it is made (`self._ctx`
set by a classmethod, a context chosen in another module that the object is handed to) is named by the
method the analysis found the child started with: `multiprocessing.get_context("spawn").Queue()`. UNSAFE
then: the method was read from the program's values (a subclass may choose another).
"""
from __future__ import annotations

import ast

from mpguard.text.findings import Applicability, Edit, Fix
from mpguard.fixes import _text as T
from mpguard.fixes.other_module import in_module_file


def _force(ctx, fact) -> Edit | None:
    node = fact.node
    if not isinstance(node, ast.Call) or fact.name != "set_start_method" or fact.force:
        return None
    return _force_call(ctx, node)


def _force_call(ctx, node) -> Edit | None:
    """`, force=True` after the last argument of a set_start_method() call given a method and no force."""
    if any(k.arg == "force" or k.arg is None for k in node.keywords):
        return None
    if not node.args and not node.keywords:
        return None
    last = max([*node.args, *(k.value for k in node.keywords)], key=lambda n: (n.end_lineno, n.end_col_offset))
    pos = ctx.source.node_end(last)
    return Edit(pos, pos, ", force=True")


def _rerun(ctx, fact):
    """MP402 in a notebook cell: running the cell again sets the same method again. SAFE."""
    edit = _force(ctx, fact)
    return None if edit is None else Fix("Add `force=True`: running the cell again sets the same method again",
                                         Applicability.SAFE, (edit,))


def _fix(ctx, fact):
    edit = _force(ctx, fact)
    if edit is None:
        return None
    if ctx.at_import(fact.where):
        return Fix("Add `force=True`: a child that re-imports the module sets the same method again",
                   Applicability.SAFE, (edit,))
    return Fix("Add `force=True` (unsafe: processes started later use the new method, while queues, locks "
               "and pools made earlier keep the old one; an explicit `multiprocessing.get_context(...)` "
               "object avoids the global switch)", Applicability.UNSAFE, (edit,))


def _helper_force(ctx, there):
    """MP401 of another project module's function that sets the start method each time it runs (bittensor #935's
    `create_pow()` called again on a retry): `force=True` on that call, in that module's file (`fixes/other_module`).
    UNSAFE, as for this module's own call."""
    def locate(tree):
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and n.lineno == there.line
                 and getattr(n.func, "attr", getattr(n.func, "id", None)) == "set_start_method"]
        if len(calls) != 1:
            raise T.CannotFix("not one set_start_method() on the line")
        return calls[0]

    def build(view, call):
        edit = _force_call(view, call)
        return None if edit is None else Fix(
            "Add `force=True` to its set_start_method() (unsafe: processes started later use the new method, while "
            "queues, locks and pools made earlier keep the old one)", Applicability.UNSAFE, (edit,))

    return in_module_file(ctx, there.path, locate, build)


# Public builders (rules call these): None when out of reach or when the result would not parse.
helper_force_fix = T.fix_builder(_helper_force)
force_or_context_fix = T.fix_builder(_fix)
rerun_cell_fix = T.fix_builder(_rerun)


KINDS = ("Queue", "SimpleQueue", "JoinableQueue", "Lock", "RLock", "Value", "Array", "Pipe", "Event",
         "Semaphore", "Condition", "Barrier")
METHODS = ("spawn", "forkserver")


def _same_context(ctx, process_call, made, method=None):
    try:
        fix = _given_context(ctx, process_call, made)
    except T.CannotFix:
        fix = None
    if fix is None and method in METHODS:
        return _method_context(ctx, made, method)
    return fix


def _method_context(ctx, made, method: str):
    """`multiprocessing.Queue()` becomes `multiprocessing.get_context("spawn").Queue()`: the object of the
    context of the child it reaches (also through a call of another module, cloud-volume #691)."""
    if not isinstance(made, ast.Call) or ctx.parents.get(made) is None:
        raise T.CannotFix("not a call of this module")
    qualified = ctx.imports.qualify(made.func) or ""
    module, _, kind = qualified.rpartition(".")
    if module != "multiprocessing" or kind not in KINDS:
        raise T.CannotFix("not an object of multiprocessing's default context")
    mp, import_edit = T.need_module(ctx, "multiprocessing")
    edit = Edit(ctx.source.node_start(made.func), ctx.source.node_end(made.func),
                f'{mp}.get_context("{method}").{kind}')
    return Fix(f"Make the {kind} from the {method} context its child is started with (unsafe: the method is the "
               "one the analysis found)", Applicability.UNSAFE, T.merge_edits([import_edit, edit]))


def _given_context(ctx, process_call, made):
    func = process_call.func
    # `ctx.Process(...)`, or a pool given its context (`ProcessPoolExecutor(mp_context=ctx)`, `Pool(context=ctx)`)
    given = next((k.value for k in process_call.keywords if k.arg in ("mp_context", "context")), None)
    # (`ctx.Pool(...)`, a context's pool, takes its objects from that context too)
    if not ((isinstance(func, ast.Attribute) and func.attr in ("Process", "Pool")) or given is not None) \
            or not isinstance(made, ast.Call):
        return None
    kind = made.func.attr if isinstance(made.func, ast.Attribute) else getattr(made.func, "id", None)
    if kind not in KINDS:
        return None
    context = given if given is not None else func.value
    if isinstance(context, ast.Call):
        if not _is_get_context(ctx, context):
            raise T.CannotFix("not a get_context() call with constant arguments")
    elif not (isinstance(context, ast.Name) and _bound_before(ctx, context.id, made)):
        raise T.CannotFix("the context is not known where the object is made")
    edit = Edit(ctx.source.node_start(made.func), ctx.source.node_end(made.func),
                f"{T.node_text(ctx, context)}.{kind}")
    owner = "Process" if given is None else "pool"
    return Fix(f"Make the {kind} from the {owner}'s own context", Applicability.SAFE, (edit,))


def _is_get_context(ctx, call) -> bool:
    return (ctx.imports.qualify(call.func) or "").endswith("get_context") \
        and all(k.arg == "method" and isinstance(k.value, ast.Constant) for k in call.keywords) \
        and all(isinstance(a, ast.Constant) for a in call.args)


def _bound_before(ctx, name: str, node) -> bool:
    """Is `name` assigned a get_context() call by an earlier statement of the block that holds `node`
    (or of the module)?"""
    stmt = T.statement_of(ctx, node)
    blocks = [T.body_of(ctx, stmt)]
    top = T.top_statement(ctx, stmt)
    if top is not stmt:
        blocks.append((ctx.tree.body, next(i for i, s in enumerate(ctx.tree.body) if s is top)))
    for statements, index in blocks:
        for earlier in statements[:index]:
            if isinstance(earlier, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in earlier.targets) \
                    and isinstance(earlier.value, ast.Call) and _is_get_context(ctx, earlier.value):
                return True
    return False


same_context_fix = T.fix_builder(_same_context)
method_context_fix = T.fix_builder(_method_context)
