"""MP414 for an executor that broke: a loop hands work to a ProcessPoolExecutor inside a `try` whose handler
catches `BrokenProcessPool` and goes on with the next turn, the executor kept as it is.

Once one of its workers dies (killed by a signal, an `os._exit` in a task, an initializer that raised), a
ProcessPoolExecutor is broken for good: every later `submit()` raises `BrokenProcessPool` at once (temporalio
sdk-python #245: "BrokenProcessPool completely disables ProcessPoolExecutor"). A handler that names that
exception expects it to happen; when it neither leaves the loop nor makes a new executor, every later turn
fails. Whether a worker dies is not known here, the reuse is: the finding sits on the handler.

Silent when the handler (or a function of this module it calls) stores anything under the name or
attribute that holds the executor, calls another project module (it may make a new one), or leaves the loop
(`break`, `return`, `raise`, `sys.exit()`); when the executor is made inside the loop; and for handlers that
catch only broader classes (`Exception`: whether a worker died is not the author's question there).
"""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.index import nodes_in
from mpguard.semantic.kept_executors import KEPT_FACT, kept_fact
from mpguard.semantic.receiver_attributes import attribute_literal
from mpguard.semantic.platforms import ALL_METHODS
from mpguard.semantic.worker_exits import EXITS_FACT, ending_functions, exits_fact
from mpguard.text.findings import RelatedFile

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
LOOPS = (ast.For, ast.AsyncFor, ast.While)
BROKEN = frozenset({"concurrent.futures.process.BrokenProcessPool", "concurrent.futures.BrokenExecutor",
                    "concurrent.futures._base.BrokenExecutor"})
EXITS = frozenset({"sys.exit", "os._exit", "exit", "quit", "os.abort"})
ERROR = ("concurrent.futures.process.BrokenProcessPool: A child process terminated abruptly, the process pool "
         "is not usable anymore")


def broken_executor_reused(ctx) -> None:
    submits = [s for s in ctx.facts.submits if s.pool.kind == "Executor"]
    if not submits:
        return
    for handler in _broken_handlers(ctx):
        attempt = ctx.parents.get(handler)
        function = _function_of(ctx, attempt)
        loop = _loop_of(ctx, attempt)
        if loop is None or _leaves(ctx, handler):
            continue
        for submit, at in _handed_work(ctx, attempt, function, submits):
            made = getattr(submit.pool, "node", None)
            holder = _holder(submit.node)
            if holder is not None and len(holder) == 1 and submit.where.function is not function:
                holder = None  # `ex.submit(...)` in a helper: its own name (a parameter), not what the loop holds
            if made is None or holder is None or ctx.inside(made, loop) \
                    or _rebinds(ctx, handler, loop, function, holder):
                continue
            ctx.report("MP414", at, "this hands work to an executor the loop keeps after it broke: the handler on "
                       f"line {handler.lineno} catches BrokenProcessPool and goes on, and every later turn fails "
                       f"at once: {ERROR}", ALL_METHODS, error=ERROR,
                       related=((handler.type, "BrokenProcessPool caught here; the executor is not replaced"),
                                *(((submit.node, "the executor is handed the work here"),) if at is not submit.node
                                  else ())))
            break


def _handed_work(ctx, attempt, function, submits):
    """(submit, where the try body hands it the work): a submit of the try body itself, or the call of the
    try body that reaches a function of this module that submits."""
    own = [s for s in submits if s.where.function is function and any(ctx.inside(s.node, b) for b in attempt.body)]
    out = [(s, s.node) for s in own]
    info = ctx.facts.functions.get(function)
    for value, call, _where in info.calls if info is not None else ():
        if not any(ctx.inside(call, b) for b in attempt.body):
            continue
        reached = ctx.reachable(ctx.definitions_of(value)) - {function}
        out.extend((s, call) for s in submits if s.where.function in reached)
    return out


def _broken_handlers(ctx) -> list:
    if "Broken" not in ctx.source.text:
        return []  # every spelling names the class (an alias is imported by its name): no walk of the tree
    out = []
    for node in nodes_in(ctx.tree):
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            types = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            if any(ctx.imports.qualify(t) in BROKEN for t in types):
                out.append(node)
    return out


def _function_of(ctx, node):
    parent = ctx.parents.get(node)
    while parent is not None and not isinstance(parent, FUNCS):
        parent = ctx.parents.get(parent)
    return parent


def _loop_of(ctx, node):
    """The innermost loop of the same function around `node` (None: none)."""
    parent = ctx.parents.get(node)
    while parent is not None and not isinstance(parent, FUNCS):
        if isinstance(parent, LOOPS):
            return parent
        parent = ctx.parents.get(parent)
    return None


def _leaves(ctx, handler) -> bool:
    """Does the handler leave the loop (or the program) on any path: then it does not hand work on."""
    for node in _own_nodes(handler.body):
        if isinstance(node, (ast.Break, ast.Return, ast.Raise)):
            return True
        if isinstance(node, ast.Call) and ctx.imports.qualify(node.func) in EXITS:
            return True
    return False


def _own_nodes(statements):
    """The nodes of `statements`, not those of functions or classes defined there."""
    todo = list(statements)
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, (*FUNCS, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(node))


def _reached_from(ctx, statements, function) -> set:
    """The functions the statements run: their own function and what their calls reach in this module."""
    info = ctx.facts.functions.get(function)
    roots = []
    for value, call, _where in info.calls if info is not None else ():
        if any(ctx.inside(call, s) for s in statements):
            roots.extend(ctx.definitions_of(value))
    return {function} | ctx.reachable(roots)


def _holder(call):
    """What holds the executor the submit uses: `executor` or `self.executor` (the text of that expression)."""
    receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
    if isinstance(receiver, ast.Name):
        return (receiver.id,)
    if isinstance(receiver, ast.Attribute) and isinstance(receiver.value, ast.Name):
        return (receiver.value.id, receiver.attr)
    return None


def _rebinds(ctx, handler, loop, function, holder) -> bool:
    """Does the loop (the handler included), or any function the loop's calls reach, store under the holder's
    name or attribute, or does the handler call another project module (it may make a new executor)?"""
    handler_calls = {id(call) for call, *_rest in ctx.facts.project_calls if ctx.inside(call, handler)}
    if handler_calls:
        return True
    scopes = [loop, *(f for f in _reached_from(ctx, [loop], function) if f is not function)]
    for scope in scopes:
        for node in nodes_in(scope) if scope is not loop else _own_nodes([loop]):
            if _stores(node, holder):
                return True
    return False


def _stores(node, holder) -> bool:
    if isinstance(node, ast.Name) and len(holder) == 1:
        return node.id == holder[0] and not isinstance(node.ctx, ast.Load)
    if isinstance(node, ast.Attribute) and len(holder) == 2:
        return node.attr == holder[1] and not isinstance(node.ctx, ast.Load)
    return False


# Handlers that catch BrokenProcessPool: naming it (or its bases), or anything broader.
CATCHING = BROKEN | frozenset({"Exception", "BaseException", "builtins.Exception", "builtins.BaseException",
                               "RuntimeError", "builtins.RuntimeError"})


def task_ends_worker(ctx) -> None:
    """MP414 for an executor whose task can end its worker process (semantic/worker_exits: `os._exit` reached
    through the task, chancy #95's job registry) and that gets more work after it: a submit in a loop around
    which the executor was made, or in a method of the object that keeps the executor in an attribute made once
    in `__init__`. Once a worker died the executor is broken, and that later submit raises BrokenProcessPool.
    Silent when a handler around the submit (or around a call of its method) catches it or anything broader, when
    the module handles BrokenProcessPool anywhere (MP414's other check judges that handler), and when the executor
    is made again (stored again in the loop, or the attribute outside `__init__`)."""
    submits = [s for s in ctx.facts.submits if s.pool.kind == "Executor" and s.method_name in ("submit", "map")]
    if not submits or _broken_handlers(ctx):
        return
    for submit in submits:
        ending = _ending_task(ctx, submit)
        if ending is None:
            continue
        again = _submitted_again(ctx, submit)
        if again is None or _caught_around(ctx, submit.node, again[1]):
            continue
        name, (line, where, what), path = ending
        shown = path.replace(chr(92), "/").rsplit("/", 1)[-1] if path else "this module"
        through = f"{where}() calls {what}" if where != name else f"it calls {what}"
        ctx.report("MP414", submit.node, f"the task {name}() can end its worker process ({through} on line {line} "
                   f"of {shown}), which breaks the executor; {again[0]}, and once a worker died "
                   f"that raises at once, with nothing here to catch it or make a new executor: {ERROR}",
                   ALL_METHODS, error=ERROR,
                   related_file=RelatedFile(path, line, "the worker process ends here") if path else None,
                   related=() if path else _own_line(ctx, line))


def _own_line(ctx, line: int) -> tuple:
    """The statement of this module on `line` as a related location, else none."""
    found = next((n for n in nodes_in(ctx.tree) if isinstance(n, ast.stmt) and n.lineno == line), None)
    return ((found, "the worker process ends here"),) if found is not None else ()


def _ending_task(ctx, submit):
    """(task name, [line, the function that ends the process, what it calls], file path or None for this module)
    when the task can end its worker process."""
    func = submit.func if type(submit.func) is V.ModuleRef else ctx.flow.resolve(submit.func) \
        if submit.func is not None else None
    for option in func.options if type(func) is V.Union else (func,):
        if type(option) is V.ModuleRef and ctx.resolver is not None and hasattr(ctx.resolver, "module_fact"):
            module, _, name = option.qualified.rpartition(".")
            fact = ctx.resolver.module_fact(module, EXITS_FACT, exits_fact) if module else None
            found = (fact or {}).get(name)
            if found is not None:
                path = ctx.resolver.locate(module) if hasattr(ctx.resolver, "locate") else None
                return name, found, str(path) if path is not None else None
        elif type(option) is V.Callable and isinstance(option.definition, FUNCS[:2]) \
                and ctx.parents.get(option.definition) is ctx.tree:
            if "own ending functions" not in ctx.memo:
                ctx.memo["own ending functions"] = ending_functions(ctx.tree, ctx.imports.qualify)
            found = ctx.memo["own ending functions"].get(option.definition.name)
            if found is not None:
                return option.definition.name, found, None
    return None


def _submitted_again(ctx, submit):
    """(how the executor gets work again, the method whose calls do it or None) when the same executor gets this
    submit again later, else None."""
    function = _function_of(ctx, submit.node)
    holder = _holder(submit.node)
    made = getattr(submit.pool, "node", None)
    loop = _loop_of(ctx, submit.node)
    if loop is not None and made is not None and not ctx.inside(made, loop) and holder is not None \
            and not any(_stores(n, holder) for n in _own_nodes([loop])):
        return f"this submit runs again in the loop on line {loop.lineno}", None
    cls = ctx.parents.get(function) if function is not None else None
    if holder is None or len(holder) != 2 or holder[0] != "self" or type(cls) is not ast.ClassDef \
            or function.name == "__init__":
        return None
    stores = [n for f in cls.body if isinstance(f, FUNCS[:2]) for n in nodes_in(f)
              if isinstance(n, ast.Attribute) and type(n.value) is ast.Name and n.value.id == "self"
              and _stores(n, holder)]
    if not stores or any(_function_of(ctx, n).name != "__init__" for n in stores):
        return None  # (made again elsewhere, or not made by this class)
    return (f"{function.name}() hands it work each time it is called, and the object keeps the same executor in "
            f"`self.{holder[1]}` (made once, in __init__)"), function.name


def _caught_around(ctx, node, method: str | None) -> bool:
    """Is `node` (or, for a method, any call of `.method(...)` in this module) inside a `try` with a handler that
    catches BrokenProcessPool?"""
    if _in_catching_try(ctx, node):
        return True
    if method is None:
        return False
    return any(type(n) is ast.Call and type(n.func) is ast.Attribute and n.func.attr == method
               and _in_catching_try(ctx, n) for n in nodes_in(ctx.tree))


def _in_catching_try(ctx, node) -> bool:
    child, parent = node, ctx.parents.get(node)
    while parent is not None and not isinstance(parent, FUNCS):
        if isinstance(parent, ast.Try) and any(child is s for s in parent.body):
            for handler in parent.handlers:
                types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
                if handler.type is None or any(ctx.imports.qualify(t) in CATCHING or getattr(t, "id", None)
                                               in CATCHING for t in types):
                    return True
        child, parent = parent, ctx.parents.get(parent)
    return False


def kept_by_method(ctx) -> None:
    """MP414 for a loop that calls, on the same object each turn, a method of another project module's class that
    hands work to the object's ProcessPoolExecutor and keeps it after BrokenProcessPool (semantic/kept_executors:
    apscheduler #362's `ProcessPoolJobExecutor.run_job`): once a worker died, every later turn fails at once. The
    object is a construction of that class the walk followed (`facts.receivers`); the condition under which the
    method keeps the executor (`if self.recreate_broken:` makes a new one) is read from what the construction gave
    that attribute (semantic/receiver_attributes; not known: it may hold). Silent when the name or attribute holding
    the object is stored in the loop, or when the loop leaves after the call."""
    if ctx.resolver is None or not hasattr(ctx.resolver, "module_fact"):
        return
    for call, qualified, _args, _kwargs, _where in ctx.facts.project_calls:
        receiver = ctx.facts.receivers.get((id(call), qualified))
        owner, _, method = qualified.rpartition(".")
        if type(receiver) is not V.Returned or receiver.qualified != owner or not isinstance(call.func, ast.Attribute):
            continue
        module, _, cls = owner.rpartition(".")
        fact = ctx.resolver.module_fact(module, KEPT_FACT, kept_fact) if module else None
        found = (fact or {}).get(f"{cls}.{method}")
        if found is None:
            continue
        handler_line, handed_line, attr, kept_when = found
        loop = _loop_of(ctx, call)
        holder = _holder(call)
        if loop is None or holder is None or any(_stores(n, holder) for n in _own_nodes([loop])) \
                or not _turns_again(ctx, call, loop):
            continue
        decided = []
        for name, truth in kept_when:
            literal = attribute_literal(ctx, receiver, name)
            if literal is not None and bool(literal.value) != truth:
                break  # (the object was made to replace its executor)
            if literal is not None:
                decided.append(f"`{name}` is {literal.value!r} here")
        else:
            path = ctx.resolver.locate(module) if hasattr(ctx.resolver, "locate") else None
            shown = str(path).replace(chr(92), "/").rsplit("/", 1)[-1] if path else module
            why = f" ({', '.join(decided)})" if decided else ""
            ctx.report("MP414", call, f"this calls {cls}.{method}() in the loop on line {loop.lineno} on the same "
                       f"object each turn, and that method catches BrokenProcessPool (line {handler_line} of {shown}) "
                       f"and keeps the executor in `self.{attr}`{why}: once one worker died, every later turn fails "
                       f"at once: {ERROR}", ALL_METHODS, error=ERROR,
                       related_file=RelatedFile(str(path), handler_line, "BrokenProcessPool caught here; the executor "
                                                "is kept") if path else None)


def _turns_again(ctx, node, loop) -> bool:
    """Can the loop run `node` again: no `break`, `return` or `raise` after it in its block or an enclosing one
    within the loop."""
    child, parent = node, ctx.parents.get(node)
    while parent is not None and child is not loop:
        for field in ("body", "orelse"):
            block = getattr(parent, field, None)
            if isinstance(block, list) and any(x is child for x in block):
                after = block[next(i for i, x in enumerate(block) if x is child) + 1:]
                if any(isinstance(x, (ast.Break, ast.Return, ast.Raise)) for x in after):
                    return False
        child, parent = parent, ctx.parents.get(parent)
    return child is loop
