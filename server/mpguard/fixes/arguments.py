"""MP203: an argument that pickle refuses, replaced by one multiprocessing can hand to a child.

* `threading.Lock/RLock`, `queue.Queue` given to a `Process` -> `multiprocessing.Lock/RLock/Queue`
  (they travel to the child by inheritance), also where the analysis followed them from when no
  assignment in the block shows them (a lock in a dict copied into the argument by `update()`).
  A lock created inline in `args=` is first bound to a
  variable: `Process.start()` drops its args and an inline multiprocessing lock would be collected
  before a spawned child opens it (MP206). Not inside a loop: the next turn would rebind the variable
  and drop the object just as early.
* The same objects in Pool/executor task arguments -> proxies from one `multiprocessing.Manager()`
  created just before (task arguments may not carry multiprocessing primitives at all).
* A generator expression -> a list comprehension (the values are computed in the parent).
All are UNSAFE: the object is now shared between processes (or, for a generator, evaluated eagerly).

MP207: a task that returns a generator returns a list of its items (`[... for ...]`, or `list(...)`
around a generator function's call). UNSAFE: the worker computes every item before it answers.
"""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.endless import may_never_end
from mpguard.semantic.index import nodes_in
from mpguard.text.findings import Applicability, Edit, Fix
from mpguard.fixes import _text as T
from mpguard.fixes._reached import reached

REPLACEMENTS = {"threading.Lock": "Lock", "threading.RLock": "RLock", "queue.Queue": "Queue",
                "queue.SimpleQueue": "Queue", "threading.Semaphore": "Semaphore", "threading.Event": "Event",
                "threading.Condition": "Condition", "threading.BoundedSemaphore": "BoundedSemaphore"}


MP_PRIMITIVES = {f"multiprocessing.{k}": k for k in ("Lock", "RLock", "Queue", "JoinableQueue", "Event",
                                                      "Semaphore", "BoundedSemaphore", "Condition", "Barrier")}
MP_PRIMITIVES.update({f"multiprocessing.context.BaseContext.{k}": k for k in ("Lock", "RLock", "Queue")})


@T.fix_builder
def sync_in_task_fix(ctx, node):
    """MP204: a multiprocessing Lock/Queue in Pool task arguments -> a Manager proxy (UNSAFE)."""
    return _fix(ctx, node, None, MP_PRIMITIVES)


def _keep_alive(ctx, node):
    if not isinstance(node, ast.Call):
        return None
    stmt = T.statement_of(ctx, node)
    if stmt is None or not T.owns_lines(ctx, stmt):
        raise T.CannotFix("shared line")
    current = ctx.parents.get(stmt)
    while current is not None and not isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
        if isinstance(current, (ast.For, ast.AsyncFor, ast.While)):
            # the next turn rebinds the name and drops the object before a spawned child may have opened it
            # (observed: one of two children failed with FileNotFoundError after such a fix)
            raise T.CannotFix("in a loop")
        current = ctx.parents.get(current)
    func = node.func
    base = (func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "obj")).lower()
    name = T.fresh_name(ctx, base)
    nl = T.newline(ctx)
    indent = T.indent_of(ctx, T.first_row(stmt))
    edits = [T.insert_at_row(ctx, T.with_comments(ctx, T.first_row(stmt)), f"{indent}{name} = {T.node_text(ctx, node)}{nl}"),
             Edit(ctx.source.node_start(node), ctx.source.node_end(node), name)]
    return Fix(f"Bind the object to `{name}` so it outlives `start()`", Applicability.SAFE, tuple(edits))


def _fix(ctx, call, problem, replacements=REPLACEMENTS):
    if not isinstance(call, ast.Call):
        return None
    pool_task = _is_pool_task(ctx, call)
    if replacements is not REPLACEMENTS and not pool_task:
        return None
    exprs = _argument_exprs(call, pool_task)
    stmt = T.statement_of(ctx, call)
    targets = []  # (Call node, replacement kind, statement that creates it)
    generators = []
    for expr in exprs:
        for value, where in _values(ctx, expr, stmt):
            for node in nodes_in(value):
                if isinstance(node, ast.Call) and ctx.imports.qualify(node.func) in replacements:
                    targets.append((node, replacements[ctx.imports.qualify(node.func)], where))
            # only the generator that is itself refused: `pool.map(f, (... for ...))` iterates its
            # generator in the parent, and what is wrong then is one of its items
            if isinstance(value, ast.GeneratorExp) and getattr(problem, "origin", None) is value:
                generators.append(value)
    if not targets and not pool_task:
        targets = _made_elsewhere(ctx, call, replacements)
    elif not targets and replacements is MP_PRIMITIVES:
        targets = _made_in_this_function(ctx, call)
    if targets:
        return _primitives(ctx, call, stmt, targets, pool_task)
    if generators:
        edits = []
        for gen in generators:
            text = T.node_text(ctx, gen)
            if not (text.startswith("(") and text.endswith(")")):
                raise T.CannotFix("bare generator argument")
            edits.append(Edit(ctx.source.node_start(gen), ctx.source.node_end(gen), "[" + text[1:-1] + "]"))
        return Fix("Build a list instead of a generator (unsafe: the items are computed in the parent, "
                   "before the child starts)", Applicability.UNSAFE, tuple(edits))
    return None


def _is_pool_task(ctx, call) -> bool:
    return any(s.node is call for s in ctx.facts.submits)


def _argument_exprs(call, pool_task: bool) -> list:
    if pool_task:
        return list(call.args[1:]) + [k.value for k in call.keywords]
    out = []
    for keyword in call.keywords:
        if keyword.arg in ("args", "kwargs", "initargs"):
            out.append(keyword.value)
    return out


def _values(ctx, expr, stmt):
    """The expression, and for names the value of their latest assignment before `stmt` in its block."""
    yield expr, stmt
    names = {n.id for n in nodes_in(expr) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    if not names:
        return
    # walk outwards through the blocks that contain `stmt`
    node = stmt
    while node is not None and node is not ctx.tree:
        try:
            block, index = T.body_of(ctx, node)
        except T.CannotFix:
            break
        for previous in reversed(block[:index]):
            if isinstance(previous, ast.Assign) and len(previous.targets) == 1 \
                    and isinstance(previous.targets[0], ast.Name) and previous.targets[0].id in names:
                names.discard(previous.targets[0].id)
                yield previous.value, previous
        if not names:
            return
        node = ctx.parents.get(node)
        while node is not None and not isinstance(node, ast.stmt) and node is not ctx.tree:
            node = ctx.parents.get(node)
        if isinstance(node, T.FUNCS + (ast.ClassDef,)):
            break


def _made_elsewhere(ctx, call, replacements) -> list:
    """The threading primitives a Process's arguments carry, as the analysis followed them (a lock put
    in a dict that `spec.update(shared)` copies into the argument), made by a call of this module:
    [(Call, replacement kind, its statement)]. Only for a Process: its arguments travel by
    inheritance, so a multiprocessing primitive made anywhere before the start is fine."""
    creation = next((c for c in ctx.facts.creations if c.node is call), None)
    if creation is None:
        return []
    found = []
    for value in reached(ctx, [value for _expr, value in creation.args]):
        if isinstance(value, V.Unpicklable):
            made = value.node
            if not (isinstance(made, ast.Call) and ctx.parents.get(made) is not None):
                raise T.CannotFix("a refused value made out of reach")
            kind = replacements.get(ctx.imports.qualify(made.func))
            if kind is None:
                raise T.CannotFix("a refused value with no multiprocessing equivalent")
            found.append((made, kind, T.statement_of(ctx, made)))
    return found


def _made_in_this_function(ctx, call) -> list:
    """MP204: the multiprocessing primitives a pool task's arguments carry, as the analysis followed them (a
    Queue kept in a dict, `options["lock"]`), each made by a call in the function that submits the task: the
    Manager that replaces them, made just before, then lives as long as the tasks do."""
    submit = next((s for s in ctx.facts.submits if s.node is call), None)
    if submit is None:
        return []
    here = T.enclosing_function(ctx, call)
    found = []
    for value in reached(ctx, [value for _expr, value in submit.args]):
        if not isinstance(value, V.MPObject) or value.kind in ("Pool", "Executor", "Process", "Manager"):
            continue
        made = value.node
        kind = MP_PRIMITIVES.get(ctx.imports.qualify(made.func)) if isinstance(made, ast.Call) else None
        if kind is None or ctx.parents.get(made) is None:
            raise T.CannotFix("a primitive made out of reach")
        found.append((made, kind, T.statement_of(ctx, made)))
    makers = {T.enclosing_function(ctx, made) for made, _kind, _stmt in found}
    if makers and makers != {here}:
        # Made in another function of the module (`make_context()` returns a dict holding the Queue): the Manager
        # is made there, just before; each proxy keeps its Manager alive. Not in a loop (one Manager process per
        # turn), nor at module level (a Manager started at every import of the module, in every child too).
        maker = next(iter(makers))
        if len(makers) != 1 or not isinstance(maker, T.FUNCS) or any(_in_loop(ctx, stmt, maker) for _m, _k, stmt in found):
            raise T.CannotFix("a primitive made out of reach")
    return found


def _in_loop(ctx, stmt, function) -> bool:
    current = ctx.parents.get(stmt)
    while current is not None and current is not function:
        if isinstance(current, (ast.For, ast.AsyncFor, ast.While)):
            return True
        current = ctx.parents.get(current)
    return False


def _pool_package(ctx, call) -> str:
    """The package whose Manager serves a pool's tasks: the pool's own drop-in package (`billiard.Pool`,
    `multiprocess.Pool`), else multiprocessing. A proxy checks the authentication key of the process that
    unpickles it, and a billiard worker holds billiard's key, not multiprocessing's (a multiprocessing proxy
    fails there with AuthenticationError: fresh_libs5 billiard_pool_map_queue)."""
    submit = next((s for s in ctx.facts.submits if s.node is call), None)
    made = getattr(getattr(getattr(submit, "pool", None), "creation", None), "node", None)
    qualified = ctx.imports.qualify(made.func) if isinstance(made, ast.Call) else None
    package = (qualified or "").partition(".")[0]
    return package if package in ("billiard", "multiprocess") else "multiprocessing"


def _primitives(ctx, call, stmt, targets, pool_task: bool):
    nl = T.newline(ctx)
    mp, import_edit = T.need_module(ctx, _pool_package(ctx, call) if pool_task else "multiprocessing")
    edits = [import_edit]
    if pool_task:
        # one Manager, created before the first statement that makes a primitive
        first = min((where for _, _, where in targets), key=lambda s: s.lineno)
        if not T.owns_lines(ctx, first):
            raise T.CannotFix("shared line")
        manager = T.fresh_name(ctx, "manager")
        indent = T.indent_of(ctx, T.first_row(first))
        edits.append(T.insert_at_row(ctx, T.with_comments(ctx, T.first_row(first)),
                                     f"{indent}{manager} = {mp}.Manager(){nl}"))
        for node, kind, _ in targets:
            edits.append(Edit(ctx.source.node_start(node.func), ctx.source.node_end(node.func), f"{manager}.{kind}"))
        return Fix(f"Use proxies from a {_pool_package(ctx, call)}.Manager() (unsafe: the objects are now shared "
                   "with the workers through a manager process)", Applicability.UNSAFE, T.merge_edits(edits))
    hoisted = []
    for node, kind, where in targets:
        inline = where is stmt and any(n is node for n in nodes_in(call))
        if inline and _directly_in_args(ctx, node, call):
            name = T.fresh_name(ctx, kind.lower(), taken=[h for h in hoisted])
            hoisted.append(name)
            if not T.owns_lines(ctx, stmt):
                raise T.CannotFix("shared line")
            indent = T.indent_of(ctx, T.first_row(stmt))
            edits.append(T.insert_at_row(ctx, T.with_comments(ctx, T.first_row(stmt)),
                                         f"{indent}{name} = {mp}.{kind}(){nl}"))
            edits.append(Edit(ctx.source.node_start(node), ctx.source.node_end(node), name))
        else:
            edits.append(Edit(ctx.source.node_start(node.func), ctx.source.node_end(node.func), f"{mp}.{kind}"))
    return Fix("Use the multiprocessing equivalent, which a child process inherits (unsafe: it is now shared "
               "between the processes)", Applicability.UNSAFE, T.merge_edits(edits))


def _directly_in_args(ctx, node, call) -> bool:
    """The primitive is an element of the args/kwargs literal itself (only the Process refers to it)."""
    parent = ctx.parents.get(node)
    while parent is not None and parent is not call:
        if isinstance(parent, (ast.Lambda, ast.comprehension, ast.ListComp, ast.GeneratorExp)):
            return False
        parent = ctx.parents.get(parent)
    return parent is call


# Public builders (rules call these): None when out of reach or when the result would not parse.
keep_alive_fix = T.fix_builder(_keep_alive)


def _kept_by_the_object(ctx, process_call, made):
    """MP206 for a Queue (Lock ...) a method makes and hands only to Processes it keeps in the object
    (`self.procs.append(Process(target=reader, args=(channel, i)))` in `__post_init__`, cpython #123208), and then
    returns: the object keeps the queue too (`self._channel = channel`, after the statement that makes it), so it
    lives as long as the processes it holds. SAFE: only its lifetime changes; an object that holds Processes is not
    one pickle sends, so holding a queue adds nothing it would refuse."""
    assign = ctx.parents.get(made)
    function = T.enclosing_function(ctx, made)
    if not (isinstance(assign, ast.Assign) and assign.value is made and len(assign.targets) == 1
            and isinstance(assign.targets[0], ast.Name)) or not isinstance(function, ast.FunctionDef):
        raise T.CannotFix("not a local bound by its own statement")
    if not isinstance(ctx.parents.get(function), ast.ClassDef) or not function.args.args \
            or function.decorator_list or ctx.parents.get(assign) is not function:
        raise T.CannotFix("not a plain method's own statement")
    self_name = function.args.args[0].arg
    if not _stored_in(ctx, process_call, self_name):
        raise T.CannotFix("the Process is not kept by the object")
    name = assign.targets[0].id
    kept = f"_{name}"
    if kept in {n.attr for n in ast.walk(ctx.tree) if isinstance(n, ast.Attribute)} or not T.owns_lines(ctx, assign):
        raise T.CannotFix(f"`{kept}` is taken")
    nl = T.newline(ctx)
    text = f"{T.indent_of(ctx, T.first_row(assign))}{self_name}.{kept} = {name}  # lives as long as the processes{nl}"
    return Fix(f"Keep `{name}` in the object that keeps the processes, so it outlives `start()`",
               Applicability.SAFE, (T.insert_at_row(ctx, assign.end_lineno + 1, text),))


def _stored_in(ctx, process_call, self_name: str) -> bool:
    """Is the Process made by `process_call` stored in the object: `self.procs.append(Process(...))` or
    `self.proc = Process(...)`?"""
    parent = ctx.parents.get(process_call)
    if isinstance(parent, ast.Call) and process_call in parent.args and isinstance(parent.func, ast.Attribute) \
            and parent.func.attr in ("append", "add"):
        owner = parent.func.value
    elif isinstance(parent, ast.Assign) and parent.value is process_call and len(parent.targets) == 1:
        owner = parent.targets[0]
    else:
        return False
    return isinstance(owner, ast.Attribute) and isinstance(owner.value, ast.Name) and owner.value.id == self_name


kept_by_object_fix = T.fix_builder(_kept_by_the_object)
thread_primitive_fix = T.fix_builder(_fix)


@T.fix_builder
def generator_result_fix(ctx, ret):
    """MP207: `return (x for x in xs)` -> `return [x for x in xs]`; `return gen()` -> `return list(gen())`."""
    value = ret.value
    text = T.node_text(ctx, value)
    if isinstance(value, ast.GeneratorExp):
        if not (text.startswith("(") and text.endswith(")")):
            raise T.CannotFix("a generator expression without its own parentheses")
        new = "[" + text[1:-1] + "]"
    else:
        function = T.enclosing_function(ctx, ret)
        if "list" in T.module_level_names(ctx) or (function is not None and "list" in ctx.index.scope(function).stores):
            raise T.CannotFix("`list` is rebound")
        new = f"list({text})"
    return Fix("Return a list of the items instead of a generator (unsafe: the worker computes every item "
               "before it answers, and the caller gets a list)", Applicability.UNSAFE,
               (Edit(ctx.source.node_start(value), ctx.source.node_end(value), new),))


@T.fix_builder
def generator_argument_fix(ctx, made):
    """MP203: a generator sent to a child (`chunks.append(x for x in head)`, `records(10)`) becomes a
    list where it is made: `[x for x in head]`, `list(records(10))`."""
    if not isinstance(made, (ast.GeneratorExp, ast.Call)) or ctx.parents.get(made) is None:
        raise T.CannotFix("not made in this module")
    text = T.node_text(ctx, made)
    if isinstance(made, ast.GeneratorExp):
        if not (text.startswith("(") and text.endswith(")")):
            raise T.CannotFix("a generator expression without parentheses")
        parent = ctx.parents.get(made)
        sole = isinstance(parent, ast.Call) and parent.args == [made] and not parent.keywords
        new = f"([{text[1:-1]}])" if sole else f"[{text[1:-1]}]"  # a sole argument shares the call's parentheses
    else:
        if "list" in T.module_level_names(ctx):
            raise T.CannotFix("`list` is rebound")
        if _may_never_end(ctx, made):  # Keras-style `while True: yield batch`: list() would never return
            raise T.CannotFix("the generator may never end")
        new = f"list({text})"
    if _steps_with_next(ctx):
        # a receiver may call next() on it (Keras' enqueuer: `next(generator)`): an iterator over the list, which
        # pickles and steps like the generator did
        if "iter" in T.module_level_names(ctx):
            raise T.CannotFix("`iter` is rebound")
        new = f"(iter({new[1:-1]}))" if new.startswith("([") else f"iter({new})"
    return Fix("Make a list of the items where the generator is made (unsafe: every item is computed at "
               "once, and the receiver gets a list)", Applicability.UNSAFE,
               (Edit(ctx.source.node_start(made), ctx.source.node_end(made), new),))


def _steps_with_next(ctx) -> bool:
    """Does the module call the builtin next()?"""
    return any(type(n) is ast.Call and type(n.func) is ast.Name and n.func.id == "next" for n in nodes_in(ctx.tree))


def _may_never_end(ctx, call: ast.Call) -> bool:
    """A call of a generator function of this module that may never end (`semantic/endless.py`)."""
    if not isinstance(call.func, ast.Name):
        return False
    definition = next((d for d in ctx.tree.body if isinstance(d, (ast.FunctionDef, ast.AsyncFunctionDef))
                       and d.name == call.func.id), None)
    return definition is not None and may_never_end(definition)


@T.fix_builder
def queued_sync_fix(ctx, node, value):
    """MP210: a multiprocessing Queue/Lock/... put on a queue or sent through a pipe (botogram #3: a reply Queue
    in each command) -> a proxy from one `multiprocessing.Manager()`, which pickles. The Manager is made once, on
    first use, by a cached module-level function, and lives until the program exits: the receiver uses the proxy
    after the sender has moved on (a Manager made in the sending function and dropped when it returns was seen
    to shut down before the receiver's `put()` got its answer: EOFError under forkserver). Only for primitives
    made by a call in a function of this module. UNSAFE."""
    found = []
    for leaf in reached(ctx, [value]):
        if not isinstance(leaf, V.MPObject) or leaf.kind in ("Pool", "Executor", "Process", "Manager"):
            continue
        made = leaf.node
        kind = MP_PRIMITIVES.get(ctx.imports.qualify(made.func)) if isinstance(made, ast.Call) else None
        if kind is None or ctx.parents.get(made) is None:
            raise T.CannotFix("a primitive made out of reach")
        if not isinstance(T.enclosing_function(ctx, made), T.FUNCS):
            raise T.CannotFix("made at module level")
        found.append((made, kind))
    if not found:
        raise T.CannotFix("no primitive")
    nl = T.newline(ctx)
    functools, functools_edit = T.need_module(ctx, "functools")
    mp, mp_edit = T.need_module(ctx, "multiprocessing")
    getter = T.fresh_name(ctx, "_shared_manager")
    block = (f"@{functools}.lru_cache(maxsize=None){nl}"
             f"def {getter}():{nl}"
             f"{T.INDENT}# one manager for the program, made on first use: its proxies pickle, and it outlives{nl}"
             f"{T.INDENT}# every receiver (a manager dropped by the sender could shut down before they answer){nl}"
             f"{T.INDENT}return {mp}.Manager(){nl}")
    edits = [functools_edit, mp_edit,
             T.insert_block(ctx, T.lift_position(ctx, min((T.top_statement(ctx, m) for m, _k in found),
                                                          key=lambda s: s.lineno)), block)]
    for made, kind in found:
        edits.append(Edit(ctx.source.node_start(made.func), ctx.source.node_end(made.func), f"{getter}().{kind}"))
    return Fix(f"Use a proxy from one multiprocessing.Manager(), made on first use by `{getter}()` (unsafe: the "
               "object is now served by a manager process)", Applicability.UNSAFE, T.merge_edits(edits))
