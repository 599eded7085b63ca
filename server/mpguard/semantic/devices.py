"""Calls that initialise an accelerator runtime a fork cannot carry into the child: CUDA through torch
(`device_init` in data/boundaries.json, documented in docs/libraries.md).

Once the parent has initialised CUDA, torch marks every process forked afterwards as a bad fork, and
the child's first CUDA call raises `RuntimeError: Cannot re-initialize CUDA in forked subprocess`. This
module records each initialising call as an effect "device-init" (detail: (runtime entry, text)), so
that a rule can ask whether the parent initialised the runtime before a fork and whether the child uses
it (rules/devices.py, MP422). Which calls initialise is catalog data, not code: a function by its
qualified name (`torch.cuda.set_device`), a method whatever it is called on (`x.cuda()`), a method or a
keyword given a device of the runtime (`x.to("cuda")`, `torch.zeros(3, device="cuda")`).

Precision first: a device is recognised only when the code says it is one (a "cuda..." string, an
f-string starting so, `torch.device("cuda")`, a name bound only to such values, or
`"cuda" if torch.cuda.is_available() else "cpu"`, which is CUDA wherever CUDA can fail). A device read
from a parameter, an attribute or a configuration is not followed. Only modules that import the
runtime's library are looked at.
"""
from __future__ import annotations

import ast
from functools import lru_cache

from mpguard.semantic import values as V
from mpguard.semantic.boundaries import section
from mpguard.semantic.facts import Effect

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


@lru_cache(maxsize=1)
def runtimes() -> tuple[dict, ...]:
    """The catalog's runtimes (`device_init`), each with its name under "name"."""
    return tuple(dict(entry, name=name) for name, entry in section("device_init").items() if isinstance(entry, dict))


@lru_cache(maxsize=1)
def _tables() -> tuple[dict, dict]:
    calls: dict = {}  # qualified name -> runtime
    methods: dict = {}  # method name -> [(runtime, "always" | "device")]
    for runtime in runtimes():
        for name in runtime.get("calls", ()):
            calls[name] = runtime
        for name in runtime.get("methods", ()):
            methods.setdefault(name, []).append((runtime, "always"))
        for name in runtime.get("device_methods", ()):
            methods.setdefault(name, []).append((runtime, "device"))
    return calls, methods


def record(walker, e: ast.Call, func, args, kwargs, w) -> None:
    """Effect "device-init" when the call initialises a cataloged runtime."""
    calls, methods = _tables()
    if type(func) is V.ModuleRef:
        runtime = calls.get(func.qualified)
        if runtime is not None:
            _add(walker, e, w, runtime)
            return
        if kwargs:
            for runtime in runtimes():
                if func.qualified.startswith(runtime.get("module", "") + ".") and any(
                        key in kwargs and is_device(walker, kwargs[key][0], runtime, w.function)
                        for key in runtime.get("device_keywords", ())):
                    _add(walker, e, w, runtime)
                    return
        return
    if type(e.func) is not ast.Attribute:
        return
    for runtime, how in methods.get(e.func.attr, ()):
        if not _imports(walker, runtime.get("module", "")):
            continue
        if how == "always":
            _add(walker, e, w, runtime)
            return
        given = args[0][0] if args else kwargs["device"][0] if "device" in kwargs else None
        if given is not None and is_device(walker, given, runtime, w.function):
            _add(walker, e, w, runtime)
            return


def _add(walker, e, w, runtime) -> None:
    text = ast.unparse(e)
    if len(text) > 60:
        text = ast.unparse(e.func) + "(...)"
    walker.facts.effects.append(Effect("device-init", e, w, (runtime, text)))


def _imports(walker, module: str) -> bool:
    memo = walker.__dict__.setdefault("_device_imports", {})
    if module not in memo:
        memo[module] = any(q == module or q.startswith(module + ".") for q in walker.imports.names.values())
    return memo[module]


def is_device(walker, expr, runtime, function, depth: int = 0) -> bool:
    """Does `expr` surely name a device of the runtime (see the module's docstring)?"""
    if depth > 3 or expr is None:
        return False
    prefix = runtime.get("prefix", "")
    if isinstance(expr, ast.Constant):
        return isinstance(expr.value, str) and (expr.value == prefix or expr.value.startswith(prefix + ":"))
    if isinstance(expr, ast.JoinedStr):
        first = expr.values[0] if expr.values else None
        return isinstance(first, ast.Constant) and isinstance(first.value, str) \
            and (first.value.startswith(prefix + ":") or first.value == prefix and len(expr.values) == 1)
    if isinstance(expr, ast.Call):
        if walker.imports.qualify(expr.func) in runtime.get("device_constructors", ()) and expr.args:
            return is_device(walker, expr.args[0], runtime, function, depth + 1)
        return False
    if isinstance(expr, ast.IfExp):
        test = expr.test
        return isinstance(test, ast.Call) and walker.imports.qualify(test.func) in runtime.get("availability", ()) \
            and is_device(walker, expr.body, runtime, function, depth + 1)
    if isinstance(expr, ast.Name):
        values = _bindings(walker, expr.id, function)
        return bool(values) and all(is_device(walker, v, runtime, function, depth + 1) for v in values)
    return False


def _bindings(walker, name: str, function) -> list | None:
    """The values assigned to `name` in `function` (or at module level when the function neither assigns
    it nor takes it as a parameter); None when it is bound any other way (a loop, a parameter, `with`)."""
    scope = function if function is not None else walker.tree
    if isinstance(scope, (*FUNCS, ast.Lambda)):
        arguments = scope.args
        if any(a.arg == name for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs,
                                       *filter(None, (arguments.vararg, arguments.kwarg)))):
            return None
    values = []
    body = getattr(scope, "body", [])
    todo = list(body) if isinstance(body, list) else [body]  # a lambda's body is one expression
    while todo:
        node = todo.pop()
        if isinstance(node, SCOPES):
            continue
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            if len(node.targets) != 1:
                return None
            values.append(node.value)
            continue
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            if node.value is not None:
                values.append(node.value)
            continue
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store):
            return None  # a loop variable, a `with ... as`, a tuple target, a walrus
        elif isinstance(node, ast.Global) and name in node.names:
            return _bindings(walker, name, None)
        todo.extend(ast.iter_child_nodes(node))
    if not values and function is not None:
        return _bindings(walker, name, None)
    return values
