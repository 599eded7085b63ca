"""Classes a module registers a pickling function for: `copyreg.pickle(ClientError, reduce)`.

pickle consults `copyreg.dispatch_table` before a class's own `__reduce_ex__` (multiprocessing's
ForkingPickler copies that table each time it is made), so once the registration has run in a process,
objects of the class pickle through the registered function there. A module-level statement runs in every
process that imports the module: in the parent, and in a spawned or forkserver child that imports it to
find the task (a forked child inherits the parent's table). A registration made in a function or under
`if __name__ == "__main__":` runs only where that code runs, so it does not count.

MP208's fix for an exception class of another module writes such a registration (fixes/exception_reducer.py);
the rule then no longer reports the class.
"""
from __future__ import annotations

import ast

REGISTER = "copyreg.pickle"


def registered_classes(tree: ast.Module, imports) -> frozenset[str]:
    """The qualified names of the classes the module's own top-level statements register with copyreg."""
    out = set()
    for stmt in tree.body:
        call = stmt.value if isinstance(stmt, ast.Expr) else None
        if not isinstance(call, ast.Call) or len(call.args) < 2 or imports.qualify(call.func) != REGISTER:
            continue
        qualified = imports.qualify(call.args[0])
        if qualified is not None:
            out.add(qualified)
    return frozenset(out)
