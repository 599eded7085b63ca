"""A module's own `threading.Thread` subclasses with a `run()` of the module: constructing one makes a thread whose
target is that `run()` (Thread.run calls `target` only when the subclass keeps Thread's own run). Read from the
module's syntax alone, for the module facts that ask which threads a def leaves running and which locks they take
(semantic/thread_leavers, semantic/module_locks).

    class GpuSampler(threading.Thread):          # fresh_reports25 atop345's r28kit/gpustats.py
        def run(self):
            while True:
                with gpulock: time.sleep(...)
    def probe():
        sampler = GpuSampler(); sampler.start()  # leaves a thread running that takes gpulock"""
from __future__ import annotations

import ast

THREAD_BASES = frozenset({"threading.Thread", "threading.Timer"})
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
MAX_BASES = 8  # classes of the module followed up a lineage


def thread_classes(tree: ast.Module, qualify) -> dict:
    """{class name: the `run` def its objects run} for the module's top-level classes that derive from
    `threading.Thread` (directly or through other classes of the module, single inheritance) and whose own `run`,
    or that of a base of the module, overrides Thread's."""
    classes = {c.name: c for c in tree.body if isinstance(c, ast.ClassDef)}
    out = {}
    for name, cls in classes.items():
        run, current = None, cls
        for _ in range(MAX_BASES):
            run = run or next((f for f in current.body if isinstance(f, FUNCS) and f.name == "run"), None)
            bases = [b for b in current.bases if not (type(b) is ast.Name and b.id == "object")]
            if len(bases) != 1:
                break
            base = bases[0]
            if qualify(base) in THREAD_BASES:
                if run is not None:
                    out[name] = run
                break
            current = classes.get(base.id) if type(base) is ast.Name else None
            if current is None:
                break
    return out


def made_thread_class(value, classes: dict) -> str | None:
    """The name of the module's thread class `value` constructs (`GpuSampler(query_time=...)`), else None."""
    return value.func.id if type(value) is ast.Call and type(value.func) is ast.Name and value.func.id in classes \
        else None
