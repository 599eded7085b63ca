"""A `multiprocessing` context whose start method is a value known only once the walk is over:
`get_context(config.get("start_method"))` in a function whose callers pass the job's config (a dict literal
of the module), `get_context(method)` of a parameter the callers give as a constant, or a field of an object
they pass. Once every call site is known, the method is what they all give (the constant key of a dict
literal the program never adds to, like a library pool's backend: library_calls.settle_backends), and each
object made through the context (`ctx.Process(...)`, `Pool(context=ctx)`) gets it. Anything else stays
"unknown" (the rules then say nothing that depends on the method)."""
from __future__ import annotations

import ast

from mpguard.semantic import cli_args as C
from mpguard.semantic import values as V
from mpguard.semantic.conditions import EVERYWHERE
from mpguard.semantic.flow import unchanged_dict
from mpguard.semantic.library_calls import settled_literal

METHODS = frozenset({"fork", "spawn", "forkserver"})


def context_of(walker, e, pair, passed_strings) -> V.Context:
    """`get_context(method)`: the default context without a method; a method chosen per platform
    (`"fork" if hasattr(os, "fork") else "spawn"`) is told per platform; any other expression we
    cannot read is an unknown method (the rules then say nothing that depends on it)."""
    if pair is None or isinstance(pair[0], ast.Constant):
        method = _constant(pair)
        return V.Context(e, method if isinstance(method, str) else None)
    expr = pair[0] if isinstance(pair[0], ast.IfExp) else _platform_choice(walker, pair[1])
    if isinstance(expr, ast.IfExp) and expr in walker.facts.branch_platforms:
        body, other = _constant((expr.body,)), _constant((expr.orelse,))
        if isinstance(body, str) and isinstance(other, str):
            where = walker.facts.branch_platforms[expr]
            linux, rest, rest_where = (body, other, EVERYWHERE - where) if "linux" in where else (other, body, where)
            return V.Context(e, linux, {p: rest for p in rest_where} if rest != linux else None)
    known, method = C.literal(pair[1])  # `os.environ.get("METHOD", "spawn")`, an argparse default: a constant
    if known and (method is None or method in ("fork", "spawn", "forkserver")):
        return V.Context(e, method)
    passed = set(passed_strings() or ())
    if len(passed) == 1 and passed <= {"fork", "spawn", "forkserver"}:  # `run("spawn")` -> get_context(method)
        return V.Context(e, passed.pop())
    context = V.Context(e, "unknown")
    if type(pair[1]) in (V.Param, V.CallResult, V.Element):  # `config.get("start_method")`: what the callers give
        walker.facts.pending_contexts.append((context, pair[1]))
    return context


def chosen_method(walker, pair) -> tuple:
    """`set_start_method(method)`'s method as the program runs as written: (the method on Linux and macOS, or None
    when it cannot be read; {platform: method} where another one is chosen, or None). A literal; a constant the
    program computes (`os.environ.get("MODE", "forkserver")`: the default, semantic/cli_args); constants chosen per
    platform, by `a if test else b` or by statements (`mode = ...` then `if sys.platform == "win32": mode =
    "spawn"`)."""
    if pair is None:
        return None, None
    expr = pair[0] if isinstance(pair[0], ast.IfExp) else _platform_choice(walker, pair[1])
    if isinstance(expr, ast.IfExp) and expr in walker.facts.branch_platforms:
        body, other = _constant((expr.body,)), _constant((expr.orelse,))
        if body in METHODS and other in METHODS:
            where = walker.facts.branch_platforms[expr]
            linux, rest, rest_where = (body, other, EVERYWHERE - where) if "linux" in where else (other, body, where)
            return linux, ({p: rest for p in rest_where} if rest != linux else None)
    known, method = C.literal(pair[1])
    if known and method in METHODS:
        return method, None
    return _assigned_per_platform(walker, pair[1])


def _assigned_per_platform(walker, value) -> tuple:
    """Two constants of which one is assigned in a platform test's branch (and so chosen on the platforms that
    branch runs on), the other outside any such test: (method on Linux, {platform: method} elsewhere)."""
    options = value.options if type(value) is V.Union and not value.every else ()  # (not an item by unknown key)
    if len(options) != 2 or not all(type(o) is V.Constant and o.node is not None for o in options):
        return None, None
    known = [C.literal(o) for o in options]
    if not all(k and m in METHODS for k, m in known):
        return None, None
    reach = [_branch_platforms(walker, o.node) for o in options]
    if sum(r is not None for r in reach) != 1:
        return None, None
    tested = 0 if reach[0] is not None else 1
    where, chosen, other = reach[tested], known[tested][1], known[1 - tested][1]
    linux = chosen if "linux" in where else other
    rest = {p: (chosen if p in where else other) for p in EVERYWHERE}
    rest = {p: m for p, m in rest.items() if m != linux}
    return linux, rest or None


def _branch_platforms(walker, node) -> frozenset | None:
    """The platforms the branch of the innermost platform test around `node` runs on (None: no such test
    between it and its function)."""
    child, parent = node, walker.parents.get(node)
    while parent is not None and not isinstance(parent, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
        where = walker.facts.branch_platforms.get(parent)
        if where is not None and isinstance(parent, ast.If):
            return where if any(c is child for c in parent.body) else EVERYWHERE - where
        child, parent = parent, walker.parents.get(parent)
    return None


def _platform_choice(walker, value):
    """The platform test's `a if test else b` a value was taken from, when it is exactly its two constant arms
    (`method = "spawn" if os.name == "nt" else "fork"; get_context(method)`), else None."""
    options = value.options if type(value) is V.Union else ()
    if len(options) != 2 or not all(type(o) is V.Constant and isinstance(o.node, ast.Constant) for o in options):
        return None
    choice = walker.parents.get(options[0].node)
    if isinstance(choice, ast.IfExp) and {id(choice.body), id(choice.orelse)} == {id(o.node) for o in options}:
        return choice
    return None


def _constant(pair):
    """The constant an (expr, value) pair's expression is, or None."""
    if pair is None:
        return None
    expr = pair[0]
    return expr.value if isinstance(expr, ast.Constant) else None


def settle_contexts(facts, resolve) -> None:
    settled = {}
    for context, value in facts.pending_contexts:
        known, method = settled_literal(value, resolve) if _unchanged_receiver(value, resolve) else (False, None)
        if known and (method is None or method in METHODS):  # None: `get_context(None)`, the default context
            context.method = method
            settled[id(context)] = method
    made = {id(call): settled[id(context)] for context, call in facts.context_calls if id(context) in settled}
    for creation in facts.creations if made else ():
        method = made.get(id(creation.node), "unknown")
        if method != "unknown" and creation.method == "unknown":
            creation.method = method
            if getattr(creation.value, "method", None) == "unknown":
                creation.value.method = method
    facts.pending_contexts = []
    facts.context_calls = []


def _unchanged_receiver(value, resolve) -> bool:
    """`config.get("start_method")`: only of dict literals the program never stores into (what `JOB[key] = ...`
    made it at run time is not known here)."""
    if type(value) is not V.CallResult or value.receiver is None:
        return True
    receiver = resolve(value.receiver)
    options = receiver.options if type(receiver) is V.Union else [receiver]
    return all(unchanged_dict(option) for option in options)
