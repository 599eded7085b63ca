"""Which of the objects a parameter test binds one name to the callers' arguments choose.

    def parallel_apply(func, items, dummy=False):
        if dummy:
            from multiprocessing.dummy import Pool     # threads
        else:
            from multiprocessing import Pool           # processes
        pool = Pool(workers, worker_step, ...)

The branches of a test of the function's parameters (an `if` statement, `A if p else B`) that bind one name to
different imported objects (an import, `Executor = ProcessPoolExecutor`) leave the name bound to either: a union
whose options remember the branch that binds each (`merge_branches`, `expression_choice`). The objects a call of
an option makes (a Pool, an executor, a queue) remember that branch too (`note_made`). Once the walk is over,
the call sites say which branches a path of the program may take (`settle`): the callers' arguments (literals,
and values the walker knows to be literals), handed up through their own callers (param_guards.through_call).
An object made only on a branch no path takes is forgotten with every fact about it: what the callers run is the
other option (threads, nothing pickled).

The spawner itself likewise (`settle` too): a Pool, Process, executor or Manager made under a test of the
function's parameters (`if not dummy:`, `if workers > 1:`, `Pool(n) if use_processes else None`) whose every
path passes arguments that make the test false is never made, and is forgotten with its tasks.

Precision first, both ways: a finding stands only where some path may take its branch. An argument that is not
known may take either branch, and a function whose callers are not all known (no call in this module, read other
than as the callee of its calls: passed on, returned, decorated) may be called with anything: its objects are kept,
as param_guards keeps a finding for an unknown argument.
"""
from __future__ import annotations

import ast
from collections import Counter

from mpguard.semantic import values as V
from mpguard.semantic.chosen_defs import known_call
from mpguard.semantic.library_calls import forget_pools
from mpguard.semantic.module_globals import literal_globals, reads_global
from mpguard.semantic.param_guards import (
    branch_conditions, guards, parameter_names, tests_parameters, through_call)

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
CHOOSABLE = (V.ModuleRef, V.Imported)  # what an import (or an assignment of an imported name) binds
MAX_DEPTH = 8  # callers followed up this many calls; beyond, any path may be taken
PLAIN_DECORATORS = frozenset({"staticmethod", "classmethod"})
SPAWNERS = frozenset({"Process", "Pool", "Executor", "Manager"})  # the creations that start processes
_MISSING = object()


def may_choose(test, function, parents: dict) -> bool:
    """Is `test` a test of `function`'s parameters (a cheap look at its names first: asked of every `if`)?"""
    if not isinstance(function, FUNCS):
        return False
    names = {n.id for n in ast.walk(test) if type(n) is ast.Name}
    if not names or not (names & set(parameter_names(function)) or "self" in names):
        return False
    return tests_parameters(test, function, parents)


def _pairs(facts, value, branch) -> list | None:
    """[(option, branch)] of a value one branch leaves bound: a union of choices already made inside it keeps
    its own (inner) branches; an imported object is one option; anything else is not a choice of objects."""
    entry = facts.branch_unions.get(id(value))
    if entry is not None and entry[0] is value:
        return list(entry[2])
    return [(value, branch)] if type(value) in CHOOSABLE else None


def _choice(facts, node, function, pairs):
    """The union of the options of `pairs`, recorded with the branch of each; None for a single object."""
    if len({id(option) for option, _branch in pairs}) < 2:
        return None
    made = V.Union(node, [option for option, _branch in pairs])
    facts.branch_unions[id(made)] = (made, function, pairs)
    return made


def binds_choice(facts, before: dict, inside: dict) -> bool:
    """Did the branch just walked (`inside`, from `before`) bind a name to an imported object?"""
    return any(value is not before.get(name) and _pairs(facts, value, None) is not None
               for name, value in inside.items())


def merge_branches(facts, env, before: dict, inside: dict, choice: ast.If, function) -> None:
    """After `choice`'s body (its bindings: `inside`) and its `else` (in `env` now), both walked from `before`: a
    name the branches bind to different imported objects (or one branch rebinds) is bound to either, a recorded
    union; any other name keeps what walking one branch after the other left (the `else` binding, else the
    body's)."""
    for name, value in inside.items():
        prior = before.get(name, _MISSING)
        if value is prior:
            continue  # (the body did not bind it: `env` holds what the `else` left)
        other = env.get(name, _MISSING)
        if other is _MISSING:
            if prior is _MISSING:
                env[name] = value  # (bound by the body alone)
            continue  # (else: the `else` deleted it)
        body, rest = _pairs(facts, value, (choice, True)), _pairs(facts, other, (choice, False))
        made = _choice(facts, value.node, function, body + rest) if body is not None and rest is not None \
            else None
        if made is not None:
            env[name] = made
        elif other is prior:
            env[name] = value  # (the `else` did not rebind it)



def expression_choice(facts, e: ast.IfExp, body, other, function, parents: dict):
    """`A if p else B` of imported objects under a test of `function`'s parameters: a recorded union; else None."""
    if not may_choose(e.test, function, parents):
        return None
    first, second = _pairs(facts, body, (e, True)), _pairs(facts, other, (e, False))
    return _choice(facts, e, function, first + second) if first is not None and second is not None else None


def note_made(facts, func, made: list) -> None:
    """The objects each option of a recorded union made when called (`made`, one per option, in order)."""
    entry = facts.branch_unions.get(id(func))
    if entry is None or entry[0] is not func:
        return
    _union, function, pairs = entry
    for (_option, branch), value in zip(pairs, made):
        for one in value.options if type(value) is V.Union else (value,):
            if type(one) is V.MPObject:
                facts.branch_objects.append((one, function, branch))


def settle(facts, tree: ast.AST, parents: dict) -> None:
    """Forget the objects made only on branches no path of the program takes (see the module's text)."""
    dropped, loads, unsure, answers = set(), None, None, {}

    def reachable(function, conditions) -> bool:
        nonlocal loads, unsure
        key = (function, conditions)
        if key not in answers:
            if loads is None:
                loads, unsure = _loads(tree), _unsure_globals(tree, parents)
            answers[key] = conditions is not None and _may_reach(function, (conditions,), facts.call_sites,
                                                                 parents, loads, unsure)
        return answers[key]

    for made, function, (choice, truth) in facts.branch_objects:
        if not reachable(function, branch_conditions(choice, truth, parents, function)):
            dropped.add(id(made))
    facts.branch_objects = []
    for creation in facts.creations:  # the spawner made under a test of parameters (`if not dummy: Pool(...)`)
        function = creation.where.function
        if creation.kind in SPAWNERS and isinstance(function, FUNCS) and id(creation.value) not in dropped:
            conditions = made_under(creation.node, function, parents)
            if conditions != frozenset() and not reachable(function, conditions):
                dropped.add(id(creation.value))
    forget_pools(facts, dropped)


def has_spawners(facts) -> bool:
    """Are there creations `settle` may judge (a spawner made inside a function)?"""
    return any(c.kind in SPAWNERS and isinstance(c.where.function, FUNCS) for c in facts.creations)


def made_under(node, function, parents: dict) -> frozenset | None:
    """The parameter conditions under which `node` (a call in `function`) runs: its `if`s and early exits
    (param_guards.guards), or, inside a branch of `A if p else B`, that branch's (the innermost one: fewer
    conditions, never a wrong one). None when no call reaches it."""
    child, parent = node, parents.get(node)
    while parent is not None and parent is not function and not isinstance(parent, (*FUNCS, ast.Lambda)):
        if type(parent) is ast.IfExp and child is not parent.test:
            return branch_conditions(parent, child is parent.body, parents, function)
        child, parent = parent, parents.get(parent)
    return guards(node, parents, function)


def _unsure_globals(tree: ast.AST, parents: dict):
    """Is an argument a read of a module global that is not bound once to a literal (`literal_globals`)? The
    walker's value of such a read is the module's top-level binding, while a function may rebind it (`global
    WORKERS`) or `globals().update(...)` may change it before the call runs: it is taken as written (unknown)."""
    literals = literal_globals(tree) if type(tree) is ast.Module else {}
    return lambda expr: type(expr) is ast.Name and expr.id not in literals and reads_global(expr, parents)


def _may_reach(function, alternatives, call_sites: dict, parents: dict, loads: Counter, as_written=None) -> bool:
    """May a path of the program run code of `function` under `alternatives` (param_guards' conditions)?"""
    todo, seen = [(function, tuple(alternatives), 0)], set()
    while todo:
        current, wanted, depth = todo.pop()
        if any(not alternative for alternative in wanted):
            return True  # (no condition left: whenever `current` runs, and a caller runs it)
        if not isinstance(current, FUNCS) or depth >= MAX_DEPTH:
            return True
        sites = call_sites.get(current, ())
        if not sites or not _only_called(current, sites, parents, loads):
            return True  # callers not all known: any argument
        for site in sites:
            caller = site.where.function if site.where is not None else None
            caller = caller if isinstance(caller, FUNCS) else None
            read = known_call(site.call, site.args, site.kwargs, call_sites, as_written)
            up = through_call(wanted, current, site.call, caller, parents, site.bound, read=read)
            if not up:
                continue  # (this call's arguments take the other branch)
            if caller is None:
                return True  # a module-level call (or one in a lambda): it runs
            if (caller, up) not in seen:
                seen.add((caller, up))
                todo.append((caller, up, depth + 1))
    return False


def _loads(tree: ast.AST) -> Counter:
    """How often each name is read in the module: as a name (`f`) or an attribute (`obj.f`)."""
    counted: Counter = Counter()
    for node in ast.walk(tree):
        kind = type(node)
        if kind is ast.Name and type(node.ctx) is ast.Load:
            counted[node.id] += 1
        elif kind is ast.Attribute and type(node.ctx) is ast.Load:
            counted[node.attr] += 1
    return counted


def _spelled(func: ast.expr) -> str | None:
    return func.id if type(func) is ast.Name else func.attr if type(func) is ast.Attribute else None


def _only_called(function, sites, parents: dict, loads: Counter) -> bool:
    """Is `function` read only as the callee of its known calls (never handed on, returned or decorated), so
    that those calls' arguments are all it is ever given? A constructor's class, likewise."""
    if any(not (type(d) is ast.Name and d.id in PLAIN_DECORATORS) for d in function.decorator_list):
        return False
    names = [function.name]
    owner = parents.get(function)
    if function.name == "__init__" and type(owner) is ast.ClassDef:
        names.append(owner.name)  # (`Runner(threads=True)` calls it)
    elif function.name.startswith("__"):
        return False  # (called by Python itself)
    called = Counter(_spelled(site.call.func) for site in sites)
    return all(loads[name] <= called[name] for name in names)
