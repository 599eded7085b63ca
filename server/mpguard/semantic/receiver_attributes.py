"""What an object of another project module's class holds in an attribute its constructor fixes, read where a
method is called on it.

    class MoleculeDataLoader:                      # loader.py (chemprop #115's shape)
        def __init__(self, smiles, batch_size=4, num_workers=8):
            self.num_workers = num_workers
        def __iter__(self):
            if self.num_workers > 0:
                with multiprocessing.Pool(self.num_workers) as pool: ...

    loader = MoleculeDataLoader(SMILES, num_workers=args.num_workers)
    for batch in loader: ...                       # the caller: loader.__iter__()

Whether the method starts processes is a condition on `self.num_workers` (semantic/param_guards, a name the
constructor fixes: semantic/bound_values.stable_attributes, read from the class's module). The object the call is
made on was built by a construction the walker followed (`ModuleFacts.receivers`): the value it passed for that
constructor parameter, resolved by the flow to one literal (an argparse default through a dataclass field), or the
parameter's literal default, is what the attribute holds, unless this module stores an attribute of that name
somewhere (it may change the object). Anything else is not known (the condition may hold)."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.bound_values import stable_attributes
from mpguard.semantic.cli_args import ENVIRONMENT_GETTERS
from mpguard.semantic.dataclass_init import generated_init
from mpguard.semantic.index import module_nodes_of

FIXED_FACT = "constructor-fixed"
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
_SIMPLE = (int, float, str, bool, type(None))


def fixed_fact(data: bytes, path: str, module: str, resolver=None) -> dict:
    """{attribute: [class name, "const", literal] or [class name, "param", parameter, position or None,
    has a literal default, the default]} of the module's attributes a constructor fixes (plain data: kept by the
    project index)."""
    tree = resolver.syntax_tree(data, path) if hasattr(resolver, "syntax_tree") else ast.parse(data, path)
    fixed = stable_attributes(tree)
    if not fixed:
        return {}
    owner = {id(f): c.name for c in module_nodes_of(tree, ast.ClassDef) for f in c.body if isinstance(f, FUNCS)}
    owner.update((id(generated_init(c)), c.name) for c in module_nodes_of(tree, ast.ClassDef) if generated_init(c))
    out = {}
    for attr, (init, stored) in fixed.items():
        name = owner.get(id(init))
        if name is None:
            continue
        if isinstance(stored, ast.Constant):
            out[attr] = [name, "const", stored.value]
            continue
        a = init.args
        positional = [p.arg for p in (*getattr(a, "posonlyargs", ()), *a.args)][1:]
        defaults = dict(zip([p.arg for p in a.args][len(a.args) - len(a.defaults):], a.defaults))
        defaults.update((p.arg, d) for p, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None)
        default = defaults.get(stored.id)
        literal = isinstance(default, ast.Constant) and type(default.value) in _SIMPLE
        out[attr] = [name, "param", stored.id, positional.index(stored.id) if stored.id in positional else None,
                     literal, default.value if literal else None]
    return out


def attribute_literal(ctx, receiver, attr: str) -> ast.Constant | None:
    """The literal the object `receiver` (a V.Returned: a construction of another project module's class) surely
    holds in `attr`; None when not known."""
    if type(receiver) is not V.Returned or not isinstance(receiver.node, ast.Call) or ctx.resolver is None \
            or not hasattr(ctx.resolver, "module_fact"):
        return None
    module, _, cls = receiver.qualified.rpartition(".")
    fact = ctx.resolver.module_fact(module, FIXED_FACT, fixed_fact) if module else None
    entry = (fact or {}).get(attr)
    if entry is None or entry[0] != cls or _stored_here(ctx, attr):
        return None
    if entry[1] == "const":
        return ast.Constant(entry[2])
    _kind, param, position, literal, default = entry[1:]
    call = receiver.node
    if any(type(a) is ast.Starred for a in call.args) or any(k.arg is None for k in call.keywords):
        return None
    given = receiver.keywords.get(param) if isinstance(receiver.keywords, dict) else None
    if given is None and position is not None and position < len(receiver.args):
        given = receiver.args[position]
    if given is None:
        return ast.Constant(default) if literal else None
    written = next((k.value for k in call.keywords if k.arg == param), None)
    if written is None and position is not None and position < len(call.args):
        written = call.args[position]
    if written is None or not isinstance(written, (ast.Constant, ast.Name, ast.Attribute, ast.UnaryOp)) \
            and not _environment_default(ctx, written):
        return None  # (a choice or a computation written there: the flow's one literal may be one of several)
    value = ctx.flow.resolve(given)
    node = getattr(value, "node", None)
    if type(value) is V.Constant and isinstance(node, ast.Constant) and type(node.value) in _SIMPLE:
        return ast.Constant(node.value)
    return None


def _stored_here(ctx, attr: str) -> bool:
    """Does this module store an attribute named `attr` on anything (it may change the object)?"""
    key = ("stored attributes",)
    stored = ctx.memo.get(key)
    if stored is None:
        stored = ctx.memo[key] = frozenset(n.attr for n in module_nodes_of(ctx.tree, ast.Attribute)
                                           if type(n.ctx) is not ast.Load)
    return attr in stored


def _environment_default(ctx, written) -> bool:
    """`os.environ.get("POOL", "prefork")`: the program's setting when nobody sets the variable (semantic/cli_args),
    one literal (the flow's value of it)."""
    return isinstance(written, ast.Call) and len(written.args) == 2 and not written.keywords \
        and ctx.imports.qualify(written.func) in ENVIRONMENT_GETTERS
