"""Classes of a module whose dataset methods use an accelerator runtime (CUDA), for a DataLoader made in
another module (rules/devices.py, MP422): `DataLoader(GPUFeatures(16), num_workers=2)` in `train.py` with
`GPUFeatures.__getitem__` in `data.py` moving each sample to the GPU (pytorch#77159's dataset, imported).

A per-module fact for the project index (`resolver.module_fact`), built from the module's AST alone: for
each module-level class, its first method of `DATASET_METHODS` (its own, or a base class of the same
module) that calls, itself or through the methods of the class it calls on `self` and the module's
functions it calls by name, what `semantic/devices.py` counts as initialising the runtime (the catalog's
`device_init`, with the same rules for a device: spelt out in the code, never read from a parameter).
"""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.devices import record, runtimes
from mpguard.semantic.facts import Where
from mpguard.semantic.servers import module_imports

FACT = "device-dataset-classes"
DATASET_METHODS = ("__getitem__", "__getitems__", "__iter__")
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
MAX_FUNCTIONS = 32  # functions followed from one dataset method


class _Recorder:
    """What `devices.record` reads from a walker: the imports, the tree, and a place for its effects."""

    def __init__(self, tree, imports):
        self.tree = tree
        self.imports = imports
        self.facts = self
        self.effects = []


def dataset_classes(data: bytes, path: str, module: str, resolver=None) -> dict:
    """{class name: [method, line, text]} of the classes whose dataset methods initialise the runtime."""
    try:
        text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
        tree = ast.parse(text, path)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    imports = module_imports(tree, module, path)
    wanted = {runtime.get("module", "") for runtime in runtimes()}
    if not any(q.split(".")[0] in wanted for q in imports.names.values()):
        return {}
    recorder = _Recorder(tree, imports)
    functions = {f.name: f for f in tree.body if isinstance(f, FUNCS)}
    classes = {c.name: c for c in tree.body if isinstance(c, ast.ClassDef)}
    out = {}
    for name, cls in classes.items():
        methods = _methods(cls, classes)
        for method in DATASET_METHODS:
            if method in methods:
                found = _first_init(recorder, methods[method], methods, functions)
                if found is not None:
                    out[name] = [method, found.node.lineno, found.detail[1]]
                    break
    return out


def _methods(cls: ast.ClassDef, classes: dict) -> dict:
    """The class's methods by name, with those of its bases defined in the same module (nearest first)."""
    out: dict = {}
    todo, seen = [cls], set()
    while todo:
        current = todo.pop(0)
        if current.name in seen:
            continue
        seen.add(current.name)
        for item in current.body:
            if isinstance(item, FUNCS):
                out.setdefault(item.name, item)
        todo.extend(classes[b.id] for b in current.bases if isinstance(b, ast.Name) and b.id in classes)
    return out


def _first_init(recorder, root, methods: dict, functions: dict):
    """The first device-init effect of `root` or what it calls (`self.x()`, a module function by name)."""
    todo, seen = [root], set()
    while todo and len(seen) < MAX_FUNCTIONS:
        func = todo.pop(0)
        if func in seen:
            continue
        seen.add(func)
        where = Where(func, False, 0)
        for call in sorted(_calls(func), key=lambda n: (n.lineno, n.col_offset)):
            before = len(recorder.effects)
            qualified = recorder.imports.qualify(call.func)
            value = V.ModuleRef(call.func, qualified) if qualified else None
            args = [(a, None) for a in call.args]
            kwargs = {k.arg: (k.value, None) for k in call.keywords if k.arg}
            record(recorder, call, value, args, kwargs, where)
            if len(recorder.effects) > before:
                return recorder.effects[-1]
            target = call.func
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                    and target.value.id == "self" and target.attr in methods:
                todo.append(methods[target.attr])
            elif isinstance(target, ast.Name) and target.id in functions and target.id not in recorder.imports.names:
                todo.append(functions[target.id])
    return None


def _calls(func) -> list:
    """The calls a function's body makes (not those of the functions, lambdas and classes inside it)."""
    out, todo = [], list(func.body)
    while todo:
        node = todo.pop()
        if isinstance(node, (*FUNCS, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(node, ast.Call):
            out.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return out
