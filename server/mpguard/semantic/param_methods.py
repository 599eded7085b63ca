"""The methods a function calls on its parameters, read from its text: `def simulate_trial(net, trial):
if not net.cells: net._build()` calls `_build` on its first parameter (hnn-core #432). An object this module
hands to such a function of another project module has had that method called on it afterwards, in this
process, as if this module had called it (semantic/pickled_imports `_filled_by_calls`)."""
import ast

from mpguard.semantic.local_values import own_nodes

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def methods_on_parameters(func) -> dict:
    """position -> (parameter name, [method names called on it, in the text's order]) for the plain positional
    parameters of `func` it never rebinds. Nested functions and lambdas are left out (they may never run)."""
    if not isinstance(func, FUNCS) or func.decorator_list:
        return {}
    params = [a.arg for a in (*func.args.posonlyargs, *func.args.args)]
    rebound = {n.id for n in own_nodes(func) if type(n) is ast.Name and type(n.ctx) is not ast.Load}
    rebound |= {name for n in own_nodes(func) if type(n) in (ast.Global, ast.Nonlocal) for name in n.names}
    calls: dict = {}
    for node in own_nodes(func):
        if type(node) is ast.Call and type(node.func) is ast.Attribute and type(node.func.value) is ast.Name:
            name = node.func.value.id
            if name in params and name not in rebound:
                calls.setdefault(name, []).append(node.func.attr)
    return {i: (name, calls[name]) for i, name in enumerate(params) if name in calls}
