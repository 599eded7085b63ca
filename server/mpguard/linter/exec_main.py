"""Source a script execs into its own `__main__` namespace while it runs (an IDE backend running the editor's
program: thonny #2544). The functions that code defines become attributes of `__main__` in the parent only: a
spawned or forkserver child re-imports the script as `__mp_main__`, which never runs that `exec`, so a Process
target or argument the exec'd code defines is "Can't get attribute 'executeProc' on <module '__mp_main__'>".

The same holds for an exec at import: while the child re-imports the script as `__mp_main__`,
`sys.modules["__main__"]` is still the child's bootstrap module, so the code's functions land there, not in the
module the child looks them up in afterwards.

Reported only when it is certain: the code is text this module spells out (a string constant, through
`textwrap.dedent` / `inspect.cleandoc` / `compile`, a name or an `__init__` parameter stored in `self` that one
known string reaches), the namespace is `__main__`'s (`sys.modules["__main__"].__dict__`, `vars(__main__)` of a
module-level `import __main__`, ...; not `globals()`, which at import is the re-imported module's own), and the
module is a script (it has a main guard). The exec'd code is analysed as a module no child imports (as a notebook
is), and what pickling finds there (MP209) is reported at the `exec`. `runpy.run_path(..., run_name="__main__")` is
not: it swaps in a module with the file's `__file__`, which a spawned child re-imports by that path."""
from __future__ import annotations

import ast
import inspect
import re
import textwrap

from mpguard.semantic.local_values import own_nodes as _own_nodes

LABEL = "the exec'd code"
# `exec(` then, at each match, the word boundary before it: a pattern that starts with `\b` is tried at every
# position of the text (0.4 ms on 1,000 lines), one that starts with a literal is found by a fast scan
_EXEC_CALL = re.compile(r"exec\s*\(")
_WORD = re.compile(r"\w")
_MAX_SITES = 4  # exec calls analysed per module at most (each is a module of its own)


def may_exec(text: str) -> bool:
    """Can the module exec code into `__main__` (the quick test of its text; the incremental analysis of the
    editor re-checks such a module whole, since a finding at the exec depends on text elsewhere)."""
    if "__main__" not in text:
        return False
    return any(m.start() == 0 or _WORD.match(text, m.start() - 1) is None for m in _EXEC_CALL.finditer(text))


def report(ctx, run_rules) -> None:
    """Add to `ctx` a finding at each `exec` of known code into `__main__` whose own analysis (`run_rules(tree,
    text, main_label=...)`, a RuleContext) finds a function or class of that code pickled for a child."""
    from mpguard.text.source import SourceText
    from mpguard.text.chunks import line_starts, parse_module

    for call, source in exec_sites(ctx.tree, ctx.parents)[:_MAX_SITES]:
        try:
            tree = parse_module(source, "<exec>")
        except (SyntaxError, ValueError, RecursionError):
            continue
        inner = run_rules(tree, SourceText.with_starts(source, line_starts(source)), main_label=LABEL)
        for finding in inner.findings:
            if finding.code != "MP209" or not finding.start_methods:
                continue
            ctx.report("MP209", call, "code exec'd here into `__main__`'s namespace, which a spawned child never "
                       "runs (it re-imports this script as __mp_main__): at line "
                       f"{finding.start.row} of that code, {finding.message}", finding.start_methods,
                       error=finding.error)


def exec_sites(tree: ast.Module, parents: dict) -> list:
    """[(the exec call, the source it runs)] for each `exec(code, namespace)` of known code into `__main__`'s
    namespace."""
    from mpguard.semantic.names import is_main_guard

    if _rebinds(tree, "exec"):
        return []
    if not any(type(s) is ast.If and is_main_guard(s.test) for s in tree.body):
        return []  # (a script: the module a child re-imports as __mp_main__)
    found = []
    for node in ast.walk(tree):
        if type(node) is not ast.Call or type(node.func) is not ast.Name or node.func.id != "exec" or not node.args:
            continue
        namespace = node.args[1] if len(node.args) > 1 else next(
            (k.value for k in node.keywords if k.arg == "globals"), None)
        scope = _scope(node, parents)
        if namespace is None or not _main_namespace(namespace, scope, tree):
            continue
        source = _source(node.args[0], scope, tree, parents)
        if source is not None:
            found.append((node, source))
    return found


def _scope(node, parents):
    while node is not None and type(node) not in (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module):
        node = parents.get(node)
    return node


def _rebinds(tree: ast.Module, name: str) -> bool:
    return any(type(n) is ast.Name and n.id == name and type(n.ctx) is not ast.Load
               or type(n) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef) and n.name == name
               or type(n) is ast.alias and (n.asname or n.name) == name for n in ast.walk(tree))


def _single_value(scope, name: str):
    """The value of the one plain assignment `name = value` in `scope`'s own body (None: none, several, or
    bound some other way too: a loop, a def, an import, an augmented assignment)."""
    values, other, own = [], False, set()
    for node in _own_nodes(scope):
        if type(node) is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Name \
                and node.targets[0].id == name:
            values.append(node.value)
            own.add(id(node.targets[0]))
        elif type(node) is ast.Name and node.id == name and type(node.ctx) is not ast.Load:
            other = other or id(node) not in own
        elif type(node) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef) and node.name == name:
            other = True
        elif type(node) is ast.alias and (node.asname or node.name).split(".")[0] == name:
            other = True
    return values[0] if len(values) == 1 and not other else None



def _main_module(expr, tree) -> bool:
    """`sys.modules["__main__"]` (of `import sys`), or the name `__main__` (of `import __main__`)."""
    if type(expr) is ast.Name:
        return expr.id == "__main__" and _imports(tree, "__main__")
    return type(expr) is ast.Subscript and type(expr.slice) is ast.Constant and expr.slice.value == "__main__" \
        and type(expr.value) is ast.Attribute and expr.value.attr == "modules" \
        and type(expr.value.value) is ast.Name and expr.value.value.id == "sys" and _imports(tree, "sys")


def _imports(tree, module: str) -> bool:
    return any(type(s) is ast.Import and any(a.name == module and a.asname is None for a in s.names)
               for s in tree.body)


def _main_namespace(expr, scope, tree, depth: int = 0) -> bool:
    """`sys.modules["__main__"].__dict__`, `vars(sys.modules["__main__"])`, `__main__.__dict__`, or a name of
    the scope assigned once to one of them."""
    if type(expr) is ast.Name and depth < 3:
        value = _single_value(scope, expr.id)
        return value is not None and _main_namespace(value, scope, tree, depth + 1)
    if type(expr) is ast.Attribute and expr.attr == "__dict__":
        return _main_module(expr.value, tree)
    return type(expr) is ast.Call and type(expr.func) is ast.Name and expr.func.id == "vars" \
        and len(expr.args) == 1 and not expr.keywords and _main_module(expr.args[0], tree) and not _rebinds(tree, "vars")


def _source(expr, scope, tree, parents, depth: int = 0) -> str | None:
    """The text `expr` holds when this module spells it out, else None."""
    if depth > 6:
        return None
    if type(expr) is ast.Constant and type(expr.value) is str:
        return expr.value
    if type(expr) is ast.Call and not expr.keywords and expr.args:
        func = expr.func
        name = func.id if type(func) is ast.Name else \
            f"{func.value.id}.{func.attr}" if type(func) is ast.Attribute and type(func.value) is ast.Name else ""
        if name in ("compile",) and not _rebinds(tree, "compile") and len(expr.args) >= 3:
            return _source(expr.args[0], scope, tree, parents, depth + 1)
        if name in ("textwrap.dedent", "inspect.cleandoc") and len(expr.args) == 1 \
                and _imports(tree, name.split(".")[0]):
            inner = _source(expr.args[0], scope, tree, parents, depth + 1)
            return None if inner is None else textwrap.dedent(inner) if name == "textwrap.dedent" \
                else inspect.cleandoc(inner)
        return None
    if type(expr) is ast.Name:
        if type(scope) in (ast.FunctionDef, ast.AsyncFunctionDef) and any(
                a.arg == expr.id for a in (*scope.args.posonlyargs, *scope.args.args, *scope.args.kwonlyargs)):
            return _parameter_source(scope, expr.id, tree, parents, depth)
        value = _single_value(scope, expr.id)
        if value is None and type(scope) is not ast.Module and not any(
                type(n) is ast.Name and n.id == expr.id and type(n.ctx) is not ast.Load for n in _own_nodes(scope)):
            value = _single_value(tree, expr.id)  # a module-level name the function reads
            scope = tree
        return _source(value, scope, tree, parents, depth + 1) if value is not None else None
    if type(expr) is ast.Attribute and type(expr.value) is ast.Name and expr.value.id == "self" \
            and type(scope) is ast.FunctionDef and type(parents.get(scope)) is ast.ClassDef:
        return _self_source(parents[scope], expr.attr, tree, parents, depth)
    return None


def _self_source(cls: ast.ClassDef, attr: str, tree, parents, depth: int) -> str | None:
    """`self.<attr>` when the class's methods store it once, in `__init__`, from known text."""
    stores = [(method, node) for method in cls.body if type(method) is ast.FunctionDef
              for node in _own_nodes(method) if type(node) is ast.Assign
              and any(type(t) is ast.Attribute and t.attr == attr for t in node.targets)]
    stores += [(None, n) for n in ast.walk(cls) if type(n) in (ast.AugAssign, ast.AnnAssign)
               and type(n.target) is ast.Attribute and n.target.attr == attr]
    if len(stores) != 1 or stores[0][0] is None or stores[0][0].name != "__init__":
        return None
    method, node = stores[0]
    return _source(node.value, method, tree, parents, depth + 1)


def _parameter_source(func, name: str, tree, parents, depth: int) -> str | None:
    """A parameter's text when every call of its function in this module (a class's constructor, for
    `__init__`) gives it the same known text, by position or keyword (its default otherwise)."""
    owner = parents.get(func)
    callee = owner.name if func.name == "__init__" and type(owner) is ast.ClassDef else \
        func.name if owner is tree else None
    if callee is None:
        return None
    params = [a.arg for a in (*func.args.posonlyargs, *func.args.args)]
    index = params.index(name) - (1 if func.name == "__init__" else 0) if name in params else None
    texts = set()
    for node in ast.walk(tree):
        if type(node) is ast.Name and node.id == callee and type(node.ctx) is ast.Load:
            call = parents.get(node)
            if type(call) is not ast.Call or call.func is not node \
                    or any(type(a) is ast.Starred for a in call.args) or any(k.arg is None for k in call.keywords):
                return None  # handed on, or called with unknown arguments
            given = next((k.value for k in call.keywords if k.arg == name), None)
            if given is None and index is not None and index < len(call.args):
                given = call.args[index]
            text = _source(given, _scope(call, parents), tree, parents, depth + 1) if given is not None else None
            if text is None:
                return None
            texts.add(text)
    return texts.pop() if len(texts) == 1 else None
