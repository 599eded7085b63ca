"""Module-level random generators made without a seed, and the functions that draw from them (MP306).

    _state = np.random.RandomState()        # seeds itself from the OS when the module is imported

    def jitter(n):
        return _state.randint(0, 10**9, size=n)

A forked child copies the parent's `_state`: sibling children calling `jitter()` draw the same numbers (numpy
#9650). The constructors and where their seed goes are catalog data (data/boundaries.json `random_states`).
`module_generators` reads a module's generators; `draws_fact`, a fact of the project index, keeps for each
top-level def and `Class.method` (also as `INSTANCE.method` of a top-level `INSTANCE = Class()`) of another
project module the first draw it makes from one, itself or through the module's own defs it calls
(rules/imported_generators.py asks it about a child's calls)."""
from __future__ import annotations

import ast

from mpguard.semantic.boundaries import random_states
from mpguard.semantic.fact_trees import fact_tree
from mpguard.semantic.index import module_nodes_of
from mpguard.semantic.module_defs import def_fact, module_defs
from mpguard.semantic.servers import module_imports

DRAWS_FACT = "generator-draws"


def unseeded(call: ast.Call, seed: dict) -> bool:
    """Is the constructor called without a seed (none given, or the constant None)?"""
    given = [k.value for k in call.keywords if k.arg == seed.get("keyword")]
    if any(k.arg is None for k in call.keywords) or any(type(a) is ast.Starred for a in call.args):
        return False
    position = seed.get("position")
    if isinstance(position, int) and len(call.args) > position:
        given.append(call.args[position])
    return all(type(v) is ast.Constant and v.value is None for v in given)


def module_generators(tree: ast.Module, qualify) -> dict:
    """Module-level names bound once, at import, to a random generator object made without a seed -> (catalog
    entry, the assignment). A name also bound elsewhere (another assignment, a `global` statement) is left out."""
    makers = random_states()
    found, bound = {}, {}
    for stmt in tree.body:
        if type(stmt) is ast.Assign and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name \
                and type(stmt.value) is ast.Call:
            entry = makers.get(qualify(stmt.value.func) or "")
            if entry is not None and unseeded(stmt.value, entry.get("seed", {})):
                found[stmt.targets[0].id] = (entry, stmt)
    if not found:
        return {}
    for node in (*module_nodes_of(tree, ast.Global), *module_nodes_of(tree, ast.Nonlocal)):
        for name in node.names:
            bound[name] = 2
    for node in module_nodes_of(tree, ast.Name):
        if type(node.ctx) is not ast.Load and node.id in found:
            bound[node.id] = bound.get(node.id, 0) + 1
    return {name: v for name, v in found.items() if bound.get(name, 0) == 1}


def draws_fact(data: bytes, path: str, module: str, resolver=None) -> dict:
    """{"path": the module's file, "draws": {def key: [generator name, its line, the draw's line]}}, for the defs
    that draw from one of the module's unseeded generators (none that some def of the module reseeds)."""
    try:
        tree = fact_tree(data, path, resolver)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    generators = module_generators(tree, module_imports(tree, module, path).qualify)
    if not generators:
        return {}
    defs = module_defs(tree)
    own = {key: list(_draws(func, generators)) for key, (func, _cls) in defs.items()}
    reseeded = {name for found in own.values() for name, call in found
                if call.func.attr in generators[name][0].get("reseeds", ())}
    draws = {key: next(((name, call) for name, call in found if name not in reseeded), None)
             for key, found in own.items()}
    calls = {key: _callees(func, cls, defs) for key, (func, cls) in defs.items()}
    changed = True
    while changed:  # (a def that calls one that draws draws too: that one's draw)
        changed = False
        for key in defs:
            if draws[key] is None:
                for callee, _call in calls[key]:
                    if draws.get(callee) is not None:
                        draws[key] = draws[callee]
                        changed = True
                        break
    stores = [n.id for n in module_nodes_of(tree, ast.Name) if type(n.ctx) is not ast.Load]
    for stmt in tree.body:  # `NOISE = Noise()` at the top, bound once: `noise.NOISE.jitter()` runs `Noise.jitter`
        if type(stmt) is ast.Assign and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name \
                and type(stmt.value) is ast.Call and type(stmt.value.func) is ast.Name \
                and stores.count(stmt.targets[0].id) == 1:
            prefix = stmt.value.func.id + "."
            draws.update({stmt.targets[0].id + key[len(prefix) - 1:]: found for key, found in list(draws.items())
                          if key.startswith(prefix) and found is not None})
    return {"path": path, "draws": {key: [name, generators[name][1].lineno, call.lineno]
                                    for key, found in draws.items() if found is not None
                                    for name, call in (found,)},
            "reseeds": {name: sorted(entry.get("reseeds", ())) for name, (entry, _stmt) in generators.items()}}


def _draws(func, generators):
    """(generator name, call) of the method calls `func` makes on the module's generators, in source order."""
    local = _local_names(func)
    calls = [n for n in ast.walk(func) if type(n) is ast.Call and type(n.func) is ast.Attribute
             and type(n.func.value) is ast.Name and n.func.value.id in generators and n.func.value.id not in local]
    for call in sorted(calls, key=lambda c: (c.lineno, c.col_offset)):
        yield call.func.value.id, call


def _local_names(func) -> set:
    args = func.args
    names = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
    names |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
    return names | {n.id for n in ast.walk(func) if type(n) is ast.Name and type(n.ctx) is not ast.Load}


def _callees(func, cls, defs: dict) -> list:
    """(key, call) of the calls of the module's own defs that `func` makes: `helper()`, `self.step()`."""
    out = []
    for node in ast.walk(func):
        if type(node) is not ast.Call:
            continue
        target = node.func
        if type(target) is ast.Name and target.id in defs:
            out.append((target.id, node))
        elif type(target) is ast.Attribute and type(target.value) is ast.Name and target.value.id == "self" \
                and cls is not None and f"{cls.name}.{target.attr}" in defs:
            out.append((f"{cls.name}.{target.attr}", node))
    return sorted(out, key=lambda pair: (pair[1].lineno, pair[1].col_offset))


def imported_draw(resolver, qualified: str | None):
    """(path, [generator name, its line, the draw's line], the module, the generator's reseeding methods) when the
    project function or method `qualified` (`pkg.noise.jitter`) draws from an unseeded module-level generator of its
    module; else None."""
    fact, key = def_fact(resolver, qualified, DRAWS_FACT, draws_fact)
    found = (fact or {}).get("draws", {}).get(key) if key is not None else None
    if found is None:
        return None
    return fact["path"], found, qualified[:-len(key) - 1], fact.get("reseeds", {}).get(found[0], [])
