"""Functions that can end the process they run in without an exception: `os._exit(...)`, `os.abort()`, or
`os.kill(os.getpid(), ...)`, reached directly, through calls of the module's own functions, or through a module-level
table of them (`REGISTRY[name](**kwargs)`, chancy #95's job registry):

    def native_decode(blob):                    # r23kit/jobqueue.py
        if blob == "corrupt":
            os._exit(134)
    REGISTRY = {"decode": native_decode, ...}
    def run_job(func_name, kwargs):              # the pool's task
        return REGISTRY[func_name](**kwargs)

Run as a ProcessPoolExecutor's task, such a function kills its worker and breaks the executor (every later submit
raises BrokenProcessPool). `sys.exit()` is not one: it raises SystemExit, which the executor's worker catches and
sends back like any exception (the worker goes on), and the call may be on a path the data never takes, so what
this says is "can", never "does". Read from the module's syntax alone, as a fact of the project index
(`exits_fact`), or from this module's tree (`ending_functions`)."""
from __future__ import annotations

import ast
from collections import Counter

from mpguard.semantic.fact_trees import fact_tree
from mpguard.semantic.index import module_nodes_of
from mpguard.semantic.local_values import own_nodes
from mpguard.semantic.servers import module_imports

EXITS_FACT = "worker-exits"
ENDS = frozenset({"os._exit", "os.abort"})
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
DEPTH = 4  # calls of the module's own functions followed


def exits_fact(data: bytes, path: str, module: str, resolver=None) -> dict:
    """{function: [line of the call that ends the process, the function it is in, what it calls]}."""
    try:
        tree = fact_tree(data, path, resolver)  # (it keeps none of the tree's nodes)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    return ending_functions(tree, module_imports(tree, module, path).qualify)


def ending_functions(tree: ast.Module, qualify) -> dict:
    if not _may_end(tree):
        return {}
    functions = {f.name: f for f in tree.body if isinstance(f, FUNCS)}
    nodes = {name: list(own_nodes(func)) for name, func in functions.items()}
    direct = {}
    for name in functions:
        ending = next((n for n in nodes[name] if type(n) is ast.Call and _ends(n, qualify)), None)
        if ending is not None:
            direct[name] = [ending.lineno, name, f"{qualify(ending.func)}()"]
    if not direct:
        return {}  # (nothing ends its process here: no call chain can reach an end; most modules)
    tables = _tables(tree, functions)
    calls = {name: _callees(func, nodes[name], functions, tables) for name, func in functions.items()}
    out = {}
    for name in functions:
        found, frontier, seen = direct.get(name), [name], {name}
        for _ in range(DEPTH):
            if found is not None:
                break
            frontier = [c for f in frontier for c in calls.get(f, ()) if c not in seen]
            seen.update(frontier)
            found = next((direct[c] for c in frontier if c in direct), None)
        if found is not None:
            out[name] = found
    return out


def _may_end(tree: ast.Module) -> bool:
    """Can a call of the module be one of ENDS (or `os.kill`)? Each is spelled by its last name, as an attribute
    (`os._exit`) or as a name imported under it (`from os import _exit as quit`): a module naming none is passed over
    without reading its functions (most modules)."""
    last = {name.rpartition(".")[2] for name in ENDS} | {"kill"}
    imported = {a.asname or a.name for node in module_nodes_of(tree, ast.ImportFrom) for a in node.names
                if a.name in last}
    # (any attribute read counts, not only a call's: `quit_now = os._exit` may be called under another name)
    return any(a.attr in last for a in module_nodes_of(tree, ast.Attribute)) or bool(imported)


def _ends(call: ast.Call, qualify) -> bool:
    qualified = qualify(call.func)
    if qualified in ENDS:
        return True
    # `os.kill(os.getpid(), signal.SIGKILL)`: the process signals itself
    return qualified == "os.kill" and bool(call.args) and type(call.args[0]) is ast.Call \
        and qualify(call.args[0].func) == "os.getpid"


def _tables(tree: ast.Module, functions: dict) -> dict:
    """Module-level names bound once to a dict (or list, tuple) literal whose values include functions of the
    module -> those functions' names."""
    out, bound = {}, {}
    for stmt in tree.body:
        if type(stmt) is ast.Assign and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name:
            name = stmt.targets[0].id
            bound[name] = bound.get(name, 0) + 1
            values = stmt.value.values if type(stmt.value) is ast.Dict else \
                stmt.value.elts if type(stmt.value) in (ast.List, ast.Tuple) else []
            named = [v.id for v in values if type(v) is ast.Name and v.id in functions]
            if named:
                out[name] = named
    return {k: v for k, v in out.items() if bound.get(k) == 1}


def _callees(func, nodes: list, functions: dict, tables: dict) -> set:
    """The module's functions `func` calls: by name, or as an item of a table (`TABLE[key](...)`,
    `TABLE.get(key)(...)`), unless `func` binds that name itself. `nodes`: `func`'s own nodes."""
    stores = Counter(n.id for n in nodes if type(n) is ast.Name and type(n.ctx) is ast.Store)
    local = set(stores) | {a.arg for a in (*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs)}
    # `action = ACTIONS.get(name)` then `action(arg)`: a local bound once, to an item of a table
    looked_up = {n.targets[0].id: n.value for n in nodes if type(n) is ast.Assign and len(n.targets) == 1
                 and type(n.targets[0]) is ast.Name and stores[n.targets[0].id] == 1}
    out = set()
    for node in nodes:
        if type(node) is not ast.Call:
            continue
        callee = node.func
        if type(callee) is ast.Name and callee.id in functions and callee.id not in local:
            out.add(callee.id)
        if type(callee) is ast.Name and callee.id in looked_up:
            callee = looked_up[callee.id]  # (the item it was bound to)
        table = callee.value if type(callee) is ast.Subscript else \
            callee.func.value if type(callee) is ast.Call and type(callee.func) is ast.Attribute \
            and callee.func.attr == "get" else None
        if type(table) is ast.Name and table.id in tables and table.id not in local:
            out.update(tables[table.id])
    return out
