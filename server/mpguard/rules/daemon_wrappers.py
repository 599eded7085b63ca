"""MP413 through a decorator: a daemonic child (a Pool worker, a daemon Process) runs the decorated task's
wrapper, not just the task's own body. viztracer PR #563: `@trace_and_save` wraps a Pool task in a wrapper that
starts a Process to save the trace, and the worker raises "daemonic processes are not allowed to have children".
The wrapper is found by semantic/decorator_wrappers (same-module decorators, bare or called); what it calls is
followed as for the task itself. A wrapper (or a function it calls) that asks whether it runs in a daemon
(`current_process().daemon`) is left alone, as the task's own body is."""
from __future__ import annotations

import ast

from mpguard.resolve.project import STDLIB
from mpguard.semantic.decorator_wrappers import applied, bare_application
from mpguard.semantic.index import nodes_in
from mpguard.semantic.names import api_kind
from mpguard.text.findings import RelatedFile

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
STARTED = frozenset({"Process"})  # made here, then started by `.start()`
STARTING = frozenset({"Pool", "Executor", "Manager"})  # start their processes when made


def decorated_daemon_children(ctx, spawns: dict, reported: set, chosen: dict, checks_daemon, fix) -> None:
    """Report MP413 at the process starts that the wrappers of daemonic children's decorators reach."""
    children = [c for c in ctx.children if c.daemonic and isinstance(c.definition, FUNCS)
                and c.definition.decorator_list]
    if not children:
        return
    top = {s.name: s for s in ctx.tree.body if isinstance(s, FUNCS)}
    for child in children:
        for decorator, call, wrapper in _applications(child.definition, top.get):
            for func in ctx.reachable([wrapper]):
                asks = _asks_daemon_under(func, decorator, call) if func is wrapper else checks_daemon(func)
                if func not in spawns or asks:
                    continue
                label = "a Pool worker" if child.role != "target" else "a daemonic process"
                for node in spawns[func]:
                    if id(node) in reported:
                        continue
                    reported.add(id(node))
                    ctx.report("MP413", node, f"this runs in {label}, in the wrapper that the decorator of "
                               f"{child.definition.name}() puts around it, which may not start child processes: "
                               "AssertionError: daemonic processes are not allowed to have children",
                               ctx.under_every_method(*chosen.get(id(node), (None, None))), fix=fix(node))


def _applications(definition, module_function) -> list:
    """(decorator def, its call or None when bare, wrapper) for each decorator of `definition` that is a
    function of its module (`module_function(name)`), outermost first."""
    out = []
    for decorator in getattr(definition, "decorator_list", ()):
        call = decorator if isinstance(decorator, ast.Call) else None
        name = call.func if call is not None else decorator
        if isinstance(name, ast.Name):
            function = module_function(name.id)
            out.extend((function, call, wrapper) for wrapper in applied(function, call))
    return out


def _falsy_parameters(decorator, call) -> set:
    """The parameters of the decorator function that its application (`call`, or the bare one) leaves falsy
    literals (`daemon_safe=False`, by default or given): a test `daemon_safe and current_process().daemon`
    in its wrapper never holds. Only names no function nested in it takes as a parameter of its own."""
    call = call if call is not None else bare_application(decorator)
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return set()
    args = decorator.args
    positional = [a.arg for a in (*args.posonlyargs, *args.args)]
    values = dict(zip(positional[len(positional) - len(args.defaults):], args.defaults))
    values.update((a.arg, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None)
    values.update(zip(positional, call.args))
    values.update((k.arg, k.value) for k in call.keywords)
    nested = {a.arg for f in ast.walk(decorator) if isinstance(f, (*FUNCS, ast.Lambda)) and f is not decorator
              for a in (*f.args.posonlyargs, *f.args.args, *f.args.kwonlyargs)}
    return {name for name, value in values.items()
            if isinstance(value, ast.Constant) and not value.value and name not in nested}


def _asks_daemon_under(wrapper, decorator, call) -> bool:
    """Does the wrapper ask `current_process().daemon` (directly or through a flag) in a test that can hold
    under this application of its decorator? A test `flag and ...` with a flag the application leaves falsy
    never does (viztracer #563: `if daemon_safe and current_process().daemon:` with `daemon_safe=False`)."""
    falsy = _falsy_parameters(decorator, call)
    flags = {node.targets[0].id for node in nodes_in(wrapper) if isinstance(node, ast.Assign)
             and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
             and any(_asks(part) for part in nodes_in(node.value))}
    for node in nodes_in(wrapper):
        if not isinstance(node, ast.If):
            continue
        test = node.test
        if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) \
                and any(isinstance(v, ast.Name) and v.id in falsy for v in test.values):
            continue  # (never holds here)
        if any(_asks(part) or isinstance(part, ast.Name) and part.id in flags for part in nodes_in(test)):
            return True
    return False


def _asks(node) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "daemon" and isinstance(node.value, ast.Call) \
        and getattr(node.value.func, "attr", getattr(node.value.func, "id", "")) == "current_process"


def imported_decorated_daemon_children(ctx, reported: set, chosen: dict) -> None:
    """MP413 through a decorator of another project module (viztracer #563's `from tracer import
    trace_and_save`): the wrapper it puts around a daemonic child's function starts a process itself (a
    Process made and started there, or a pool made there) and asks no `current_process().daemon` that can
    hold under this application. Reported at the call that hands the function to the daemonic child; the
    wrapper's start is the site."""
    if ctx.resolver is None or not hasattr(ctx.resolver, "definition"):
        return
    for child in ctx.children:
        if not (child.daemonic and isinstance(child.definition, FUNCS) and child.definition.decorator_list):
            continue
        at = getattr(child.spawner, "node", None)
        if at is None or id(at) in reported:
            continue
        for decorator in child.definition.decorator_list:
            call = decorator if isinstance(decorator, ast.Call) else None
            qualified = ctx.imports.qualify(call.func if call is not None else decorator)
            if not qualified or "." not in qualified or qualified.partition(".")[0] in STDLIB:
                continue
            found = _foreign_start(ctx, qualified, call)
            if found is None:
                continue
            module, line, path = found
            reported.add(id(at))
            label = "a Pool worker" if child.role != "target" else "a daemonic process"
            name = qualified.rpartition(".")[2]
            ctx.report("MP413", at, f"{child.definition.name}() runs in {label}, inside the wrapper that its decorator "
                       f"{name} (from {module}) puts around it, and that wrapper starts a process (line {line} of "
                       f"{module}); a daemonic process may not start child processes: AssertionError: daemonic "
                       "processes are not allowed to have children",
                       ctx.under_every_method(*chosen.get(id(at), (None, None))),
                       related_file=RelatedFile(path, line, "the wrapper starts a process here", site=True))
            break


def _foreign_start(ctx, qualified: str, call):
    """(module, line, path) of the first process start in the wrapper that the decorator `qualified`
    (a function of another project module) puts in place of the function, else None."""
    decorator = ctx.resolver.definition(qualified)
    if not isinstance(decorator, FUNCS):
        return None
    module = qualified.rpartition(".")[0]
    summary = ctx.resolver.module_summary(module)
    imports = getattr(summary, "imports", None)
    if imports is None:
        return None
    for wrapper in applied(decorator, call):
        if _asks_daemon_under(wrapper, decorator, call):
            continue
        line = _start_line(wrapper, imports)
        if line is not None:
            return module, line, summary.path
    return None


def _start_line(function, imports) -> int | None:
    """The line where `function`'s own body starts processes: a pool made, or a Process made into a name
    and that name's `.start()` called; None when it does neither (calls into helpers are not followed)."""
    made = {}
    for node in nodes_in(function):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
                and isinstance(node.value, ast.Call) and api_kind(imports.qualify(node.value.func)) in STARTED:
            made[node.targets[0].id] = node
    for node in sorted(nodes_in(function), key=lambda n: (getattr(n, "lineno", 0), getattr(n, "col_offset", 0))):
        if not isinstance(node, ast.Call):
            continue
        if api_kind(imports.qualify(node.func)) in STARTING:
            return node.lineno
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "start" and isinstance(func.value, ast.Name) \
                and func.value.id in made:
            return node.lineno
    return None
