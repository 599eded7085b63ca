"""Values a module computes at import but keeps in the process environment, which every later child inherits.

    SPOOL = os.environ.setdefault("SHOP_SPOOL", tempfile.mkdtemp())    # sqs-workers #16's working variant

`tempfile.mkdtemp()` gives another folder at each import, but the parent's import puts its folder into
`os.environ` (which sets the C environment too, `putenv`), and a child started after that inherits the environment:
spawn hands it to the new interpreter, the forkserver is started at the first start (after the main module's
import) and forks children from its own copy, fork copies it. The child's `setdefault` then finds the key and returns
the parent's folder; its own `mkdtemp()` only makes an unused empty folder. The same holds for a read with a
fallback (`os.environ.get(KEY) or tempfile.mkdtemp()`, `os.getenv(KEY, fresh)`) whose result the module stores
under that key at its top (`os.environ[KEY] = SPOOL`).

`fallbacks` names the parts of such a value that only the first import computes for good: the per-import call there
is not the value the children see."""
from __future__ import annotations

import ast

GETTERS = frozenset({"os.environ.get", "os.getenv"})
SETDEFAULT = "os.environ.setdefault"


def _key(call: ast.Call):
    first = call.args[0] if call.args else None
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None


def exported_keys(tree: ast.Module, qualify) -> dict:
    """Literal key -> the names the module's top stores under it (`os.environ[KEY] = NAME`)."""
    out: dict = {}
    for stmt in tree.body:
        if type(stmt) is ast.Assign and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Subscript \
                and type(stmt.value) is ast.Name and qualify(stmt.targets[0].value) == "os.environ":
            key = stmt.targets[0].slice
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                out.setdefault(key.value, set()).add(stmt.value.id)
    return out


def fallbacks(value: ast.expr, name: str, qualify, exported: dict) -> set:
    """ids of the nodes of `value` (bound to the global `name` at the module's top) that a child started after the
    import does not compute for its own value: the default of `os.environ.setdefault(KEY, default)`, and the
    fallback of a read of KEY (`os.environ.get(KEY, d)`, `os.getenv(KEY) or d`) when the module stores `name` under
    KEY (`exported`, from `exported_keys`)."""
    out: set = set()
    for node in ast.walk(value):
        if type(node) is ast.Call and len(node.args) == 2 and not node.keywords:
            qualified = qualify(node.func)
            key = _key(node)
            if key is not None and (qualified == SETDEFAULT or qualified in GETTERS and name in exported.get(key, ())):
                out.update(id(n) for n in ast.walk(node.args[1]))
        elif type(node) is ast.BoolOp and type(node.op) is ast.Or and node.values:
            first = node.values[0]
            if type(first) is ast.Call and len(first.args) == 1 and not first.keywords \
                    and qualify(first.func) in GETTERS and name in exported.get(_key(first), ()):
                out.update(id(n) for rest in node.values[1:] for n in ast.walk(rest))
    return out
