"""The functions of a module that fix the start method whenever they run (`ModuleSummary.fixing`): they make a
multiprocessing lock, queue or value of the default context, or call a library that makes one
(semantic/context_fixers: tqdm's first progress bar), under no test, loop body or `try` of theirs, or they call such
a function of the same module that way. A caller of another module that runs one before its
`set_start_method()` gets `RuntimeError: context has already been set` (MP401, rules/lifecycle.py): pytorch/vision
#544's dataset tool scanning its manifest with a tqdm bar in a helper, then asking for spawn."""
from __future__ import annotations

import ast

from mpguard.semantic.context_fixers import CONTEXT_FIX

# the synchronisation objects and queues `multiprocessing.X()` makes with `ctx=self.get_context()` (a Pipe does not)
FIXING_KINDS = frozenset({"Lock", "Queue", "SimpleQueue", "Value"})
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
DECIDING = (ast.If, ast.Try, ast.For, ast.AsyncFor, ast.While, ast.IfExp, ast.BoolOp, ast.Match, ast.Lambda,
            ast.comprehension, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def fixing_nodes(facts):
    """(where, node, what) of every statement that fixes the default start method: a Lock/Queue/Value of the
    default context the module makes, or a cataloged library call that makes one (what: the catalog's words)."""
    out = [(c.where, c.node, None) for c in facts.creations if c.kind in FIXING_KINDS and c.method is None]
    out += [(e.where, e.node, e.detail[1].get("what")) for e in facts.effects_of(CONTEXT_FIX)]
    return out


def runs_whenever(parents, node, function) -> bool:
    """Does `node` run whenever `function` does: under no test, `try`, loop body, comprehension or lambda of it;
    the iterable of a `for` and the items and body of a `with` always run (`for path in tqdm(paths):`)."""
    child, parent = node, parents.get(node)
    while parent is not None and parent is not function:
        if isinstance(parent, (ast.For, ast.AsyncFor)) and child is parent.iter:
            pass
        elif isinstance(parent, DECIDING) or type(parent).__name__ == "TryStar":
            return False
        child, parent = parent, parents.get(parent)
    return parent is function


def fixing_functions(ctx, tree) -> dict:
    """name -> (line, words) of the module's top-level functions (and classes, whose `__init__` runs them) that fix
    the default start method whenever called, followed through the calls of this module's own functions up to a
    fixed point (each added once: linear in the calls)."""
    top = {f: f.name for f in tree.body if isinstance(f, FUNCS)}
    top.update({f: c.name for c in tree.body if isinstance(c, ast.ClassDef) for f in c.body
                if isinstance(f, ast.FunctionDef) and f.name == "__init__"})
    out, todo = {}, []
    for where, node, what in fixing_nodes(ctx.facts):
        function = where.function
        if function in top and top[function] not in out and runs_whenever(ctx.parents, node, function):
            out[top[function]] = (node.lineno, what or "it makes a multiprocessing object of the default context")
            todo.append(function)
    while todo:
        function = todo.pop()
        for site in ctx.facts.call_sites.get(function, ()):
            caller = site.where.function if site.where is not None else None
            if caller in top and top[caller] not in out and runs_whenever(ctx.parents, site.call, caller):
                out[top[caller]] = out[top[function]]
                todo.append(caller)
    return out
