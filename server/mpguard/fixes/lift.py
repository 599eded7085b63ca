"""MP201 / MP202: make the callable reachable by name at module level, so pickle can find it.

* A lambda becomes a module-level `def` (a module-level `name = lambda ...` is rewritten in place).
* A nested function or local class is lifted above the enclosing top-level statement, dedented
  (lines inside multi-line strings are left alone). Variables it captured from the enclosing
  function become leading parameters, and the old name is rebound in place to
  `functools.partial(lifted, captured...)`, so every use in the function (including `return worker`
  in a factory) is fixed at once.
* A decorator that returns its nested wrapper without `functools.wraps` gets `@functools.wraps(func)`.
* An instance whose class stores a `threading.Lock` gets a multiprocessing lock (Process target);
  otherwise the fields pickle refuses are left out of its state and built again in each process
  (`mpguard.fixes.pickled_state`).
* A function or class defined under `if __name__ == "__main__":` moves above the guard.
"""
from __future__ import annotations

import ast
import re
from dataclasses import replace

from mpguard.semantic.index import nodes_in
from mpguard.semantic.pickle_problems import Elsewhere, Problem
from mpguard.text.findings import Applicability, Edit, Fix
from mpguard.fixes import _text as T
from mpguard.fixes._scopes import builtin_names
from mpguard.fixes.other_module import in_defining_module, is_foreign, returned_elsewhere
from mpguard.fixes.pickled_state import pickled_state_fix
from mpguard.fixes.unread_fields import bound_method_names, unread_fields_fix


def _callable_fix(ctx, problem, fact):
    definition = problem.definition
    if definition is None and problem.kind in ("lambda", "local"):
        definition = problem.origin  # (a factory of another module whose closure this is: semantic/pickling)
    if definition is None:
        return None
    if problem.kind == "local" and "decorated" in problem.what and is_foreign(ctx, problem.origin) \
            and isinstance(problem.origin, T.FUNCS):
        # the decorator is another project module's: `functools.wraps` goes on its wrapper, in that file
        return in_defining_module(ctx, problem.origin, wraps_returned)
    if problem.kind in ("lambda", "local") and (isinstance(definition, Elsewhere) or is_foreign(ctx, definition)):
        # made by a helper module of the project: the same fix, in that module's file (fixes/other_module)
        return in_defining_module(ctx, definition, lambda view, there: _callable_fix(
            view, replace(problem, definition=there, origin=None), None))
    if problem.kind == "lambda" and isinstance(definition, ast.Lambda):
        return lift_lambda(ctx, definition, _role(fact))
    if problem.kind == "state" and isinstance(definition, ast.ClassDef):
        kept = returned_elsewhere(ctx, problem.what)  # a helper's function made the lambda the object keeps
        if kept is not None:
            return _callable_fix(ctx, Problem(kept.kind, "the value made there", problem.error, kept), None)
        if not _is_submit(fact):  # a Process: a multiprocessing lock travels with it
            try:
                return thread_lock_state_fix(ctx, definition)
            except T.CannotFix:
                pass
        fix = pickled_state_fix(ctx, definition)
        method = bound_method_names(ctx, fact) or _own_run(ctx, fact, definition)
        return fix if fix is not None or method is None else unread_fields_fix(ctx, definition, method)
    if problem.kind != "local":
        return None
    if isinstance(definition, T.FUNCS) and T.enclosing_function(ctx, definition) is None:
        if problem.what.startswith("'") or "decorated" in problem.what:
            return add_wraps(ctx, definition)
        # a factory: the closure is the nested function it returns, or the first lambda it returns (one per round)
        nested = returned_definition(definition)
        if nested is None:
            returned = [r.value for r in nodes_in(definition) if isinstance(r, ast.Return)
                        and isinstance(r.value, ast.Lambda) and T.enclosing_function(ctx, r) is definition]
            if returned:
                return lift_lambda(ctx, returned[0], "task")
            raise T.CannotFix("factory returns something else")
        return lift_definition(ctx, nested)
    if isinstance(definition, T.FUNCS) and decorator_wrapper_param(ctx, definition) is not None:
        # the wrapper a decorator returns, reached another way (a registry the decorator fills): lifting it
        # would capture the undecorated function, which pickle cannot find by its name either
        return wrap_nested(ctx, definition)
    if isinstance(definition, (*T.FUNCS, ast.ClassDef)):
        return lift_definition(ctx, definition)
    if isinstance(definition, ast.Call):
        return lift_class_call(ctx, definition)
    return None


def _own_run(ctx, fact, cls):
    """("run",) for the start of a Process subclass's object made without a target: the child runs the class's
    own `run`, and the fields it never reads may be left out of the pickled object."""
    from mpguard.semantic.facts import Start

    obj = getattr(fact, "obj", None) if isinstance(fact, Start) else None
    if obj is None or obj.subclass is not cls:
        return None
    creation = obj.creation or next((c for c in ctx.facts.creations if c.value is obj), None)
    made = getattr(creation, "node", None) or obj.node
    # (the fact's `target` of such an object is the object itself; a target given to it is `target_expr`)
    if not isinstance(made, ast.Call) or any(k.arg in ("target", None) for k in made.keywords) \
            or (creation is not None and creation.target_expr is not None):
        return None
    return ("run",)


def returned_definition(factory):
    returned = {r.value.id for r in nodes_in(factory) if isinstance(r, ast.Return) and isinstance(r.value, ast.Name)}
    found = [s for s in nodes_in(factory) if isinstance(s, (*T.FUNCS, ast.ClassDef)) and s is not factory
             and s.name in returned]
    return found[0] if len(found) == 1 else None


def _is_submit(fact) -> bool:
    from mpguard.semantic.facts import Submit

    return isinstance(fact, Submit)


def _role(fact) -> str:
    from mpguard.semantic.facts import Creation

    if isinstance(fact, Creation):
        if fact.kind == "Process":
            return "target"
        return "initializer"
    return "task"


# ---- lambdas ----------------------------------------------------------------------------------
def lift_lambda(ctx, lam, role: str = "task"):
    nl = T.newline(ctx)
    parent = ctx.parents.get(lam)
    if parent is None:
        raise T.CannotFix("a lambda of another module")  # a fix edits one file
    top = T.top_statement(ctx, lam)
    body = _expr_text(ctx, lam.body)
    params = ast.unparse(lam.args) if _has_args(lam.args) else ""
    if isinstance(parent, ast.Assign) and parent.value is lam and len(parent.targets) == 1 \
            and isinstance(parent.targets[0], ast.Name) and parent is top and T.owns_lines(ctx, parent):
        # `work = lambda: ...` at module level: the same name, now a def that pickle can find
        name = parent.targets[0].id
        text = f"def {name}({params}):{nl}{T.INDENT}return {body}"
        edit = Edit(ctx.source.node_start(parent), ctx.source.node_end(parent), text)
        return Fix(f"Replace the lambda with `def {name}`", Applicability.SAFE, (edit,))
    _refuse_mangled_names(ctx, lam)
    frees = T.free_variables(ctx, lam) + [n for n in T.runtime_globals(ctx, lam)]
    frees = list(dict.fromkeys(frees))
    if isinstance(parent, ast.Assign) and isinstance(parent.targets[0], ast.Name):
        base = f"_{parent.targets[0].id}"
    elif isinstance(parent, ast.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0], ast.Attribute):
        base = f"_{parent.targets[0].attr.lstrip('_')}"  # `self._unwrap = lambda ...`: `_unwrap`
    elif isinstance(parent, ast.AnnAssign) and isinstance(parent.target, ast.Name):  # a dataclass field's default
        base = f"_{parent.target.id}"
    elif isinstance(parent, ast.keyword) and parent.arg:
        base = f"_{parent.arg}"
    elif isinstance(parent, ast.Dict) and (key := _dict_key(parent, lam)) is not None:  # {"square": lambda v: ...}
        base = f"_{key}"
    elif type(parent) is ast.arguments and (param := _defaulted_parameter(parent, lam)) is not None:
        base = f"_{param}"  # `def __init__(self, transform=lambda x: x)`: `_transform`
    else:
        base = f"_{role}"
    name = T.fresh_name(ctx, base)
    # `lambda x, f=factor: ...` in a loop: the default is read where the lambda is made, so it moves
    # into the partial (`partial(_task, f=factor)`), not into the module-level def.
    params, bound = _lifted_parameters(ctx, lam, params)
    all_params = ", ".join([*frees, params] if params else frees)
    text = f"def {name}({all_params}):{nl}{T.INDENT}return {body}{nl}{nl}{nl}"
    edits = [T.insert_block(ctx, T.lift_position(ctx, top), text)]
    if frees or bound:
        partial, import_edit = T.partial_ref(ctx)
        reference = f"{partial}({', '.join([name, *frees, *bound])})"
        edits.insert(0, import_edit)
    else:
        reference = name
    edits.append(Edit(ctx.source.node_start(lam), ctx.source.node_end(lam), reference))
    if frees:
        return Fix(f"Replace the lambda with a module-level function `{name}` and pass {', '.join(frees)} "
                   "through functools.partial (unsafe: their values are bound where the lambda was, "
                   "not read when it runs)", Applicability.UNSAFE, T.merge_edits(edits))
    return Fix(f"Replace the lambda with a module-level function `{name}`", Applicability.SAFE,
               T.merge_edits(edits))


def _defaulted_parameter(args: ast.arguments, value):
    """The name of the parameter whose default is `value`."""
    positional = [*args.posonlyargs, *args.args]
    pairs = [*zip(positional[len(positional) - len(args.defaults):], args.defaults),
             *zip(args.kwonlyargs, args.kw_defaults)]
    return next((a.arg for a, d in pairs if d is value), None)


def _dict_key(d, value):
    """The dict literal's string key of `value`, when it is a plain identifier."""
    for key, item in zip(d.keys, d.values):
        if item is value and isinstance(key, ast.Constant) and isinstance(key.value, str) \
                and key.value.isidentifier() and key.value.isascii():
            return key.value
    return None


def _lifted_parameters(ctx, lam, params: str) -> tuple[str, list[str]]:
    """The lifted def's parameters, and `name=expression` for the defaults that read names (they
    become the partial's keywords, and keyword-only parameters of the def)."""
    args = lam.args
    defaults = dict(zip([a.arg for a in args.args][len(args.args) - len(args.defaults):], args.defaults))
    moved = [a for a, d in defaults.items() if any(isinstance(n, ast.Name) for n in nodes_in(d))]
    if not moved:
        return params, []
    if args.posonlyargs or args.vararg or args.kwonlyargs or args.kwarg:
        raise T.CannotFix("a lambda with defaults that read names and other kinds of parameters")
    kept = [a.arg if a.arg not in defaults else f"{a.arg}={ast.unparse(defaults[a.arg])}"
            for a in args.args if a.arg not in moved]
    return ", ".join([*kept, "*", *moved]), [f"{a}={ast.unparse(defaults[a])}" for a in moved]


def _has_args(args: ast.arguments) -> bool:
    return bool(args.posonlyargs or args.args or args.vararg or args.kwonlyargs or args.kwarg)


def _expr_text(ctx, expr) -> str:
    start, end = ctx.source.node_start(expr), ctx.source.node_end(expr)
    if start.row == end.row:
        text = T.node_text(ctx, expr)
        return f"({text})" if isinstance(expr, (ast.Tuple, ast.NamedExpr, ast.Yield)) and not text.startswith("(") \
            else text
    return ast.unparse(expr)


def _private(name) -> bool:
    return isinstance(name, str) and name.startswith("__") and not name.endswith("__")


def _refuse_mangled_names(ctx, node) -> None:
    """Inside a class body, `self.__key` or `__helper` is compiled as `_Owner__key`: the same text at module level
    names another attribute, so moving it out would change what it reads. No fix then."""
    owner = ctx.parents.get(node)
    while owner is not None and not isinstance(owner, ast.ClassDef):
        owner = ctx.parents.get(owner)
    if owner is None:
        return
    for n in ast.walk(node):
        names = [getattr(n, "id", None), getattr(n, "attr", None), getattr(n, "arg", None)]
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n is not node:
            names.append(n.name)
        if isinstance(n, ast.alias):
            names += [n.asname, n.name]
        if any(_private(x) for x in names):
            raise T.CannotFix("a private name, mangled inside the class")


# ---- nested functions, closures, local classes ----------------------------------------------------
def lift_definition(ctx, d):
    nl = T.newline(ctx)
    outer = T.enclosing_function(ctx, d)
    if not isinstance(outer, T.FUNCS) or not T.owns_lines(ctx, d):
        raise T.CannotFix("not a nested definition")
    stmt_list, index = T.body_of(ctx, d)
    top = T.top_statement(ctx, d)
    if any(isinstance(n, ast.Nonlocal) for n in nodes_in(d)):
        raise T.CannotFix("nonlocal")
    _refuse_mangled_names(ctx, d)
    frees = T.free_variables(ctx, d)
    frees += [n for n in T.runtime_globals(ctx, d) if n not in frees]
    if d.name in frees:
        raise T.CannotFix("recursive closure")
    if isinstance(d, ast.ClassDef) and frees:
        raise T.CannotFix("a local class that reads local variables")
    # decorators, defaults, annotations and bases are evaluated where the def stands
    outer_table = T.symtable_for(ctx, outer)
    outer_locals = T.locals_of(outer_table) if outer_table is not None else set()
    header = list(d.decorator_list)
    if isinstance(d, ast.ClassDef):
        header += d.bases + [k.value for k in d.keywords]
    else:
        header += d.args.defaults + [x for x in d.args.kw_defaults if x is not None]
        header += [a.annotation for a in (*d.args.posonlyargs, *d.args.args, *d.args.kwonlyargs,
                                          d.args.vararg, d.args.kwarg) if a is not None and a.annotation is not None]
        if d.returns is not None:
            header.append(d.returns)
    for expr in header:
        if T.loaded_names(expr) & (outer_locals | set(T.guard_bound_names(ctx) - T.module_level_names(ctx))):
            raise T.CannotFix("the header reads local variables")
    module_names = T.module_level_names(ctx) | T.guard_bound_names(ctx)
    # a private `__name` read inside a method is mangled (`_Owner__name`): a module-level def needs another name
    mangled = d.name.startswith("__") and not d.name.endswith("__")
    renamed = bool(frees) or d.name in module_names or mangled
    lifted = T.fresh_name(ctx, f"_{d.name}") if renamed else d.name

    start = T.with_comments(ctx, T.first_row(d))
    end = d.end_lineno
    old = T.indent_of(ctx, T.first_row(d))
    text = T.end_with_newline(ctx, T.reindent(ctx, start, end, old, ""))
    text = _rewrite_header(text, d, lifted, frees)
    edits = []
    if frees:
        partial, import_edit = T.partial_ref(ctx)
        edits.append(import_edit)
    edits.append(T.insert_block(ctx, T.lift_position(ctx, top), text))
    if frees:
        replacement = f"{old}{d.name} = {partial}({lifted}, {', '.join(frees)}){nl}"
    elif renamed:
        replacement = f"{old}{d.name} = {lifted}{nl}"
    elif len(stmt_list) == 1:
        replacement = f"{old}pass{nl}"
    else:
        replacement = ""
    drop_end = end
    if not replacement and T.is_blank(ctx, end + 1) and (T.is_blank(ctx, start - 1) or index == 0):
        drop_end = end + 1
    edits.append(Edit(T.row_start(ctx, start), T.row_start(ctx, drop_end + 1), replacement))
    kind = "class" if isinstance(d, ast.ClassDef) else "function"
    if frees:
        return Fix(f"Move the nested {kind} `{d.name}` to module level as `{lifted}` and bind "
                   f"{', '.join(frees)} with functools.partial (unsafe: the captured values are bound when "
                   "the `def` ran, later changes to them are not seen)", Applicability.UNSAFE,
                   T.merge_edits(edits))
    return Fix(f"Move the nested {kind} `{d.name}` to module level" + (f" as `{lifted}`" if renamed else ""),
               Applicability.SAFE, T.merge_edits(edits))


def _rewrite_header(text: str, d, lifted: str, frees: list) -> str:
    keyword = "class" if isinstance(d, ast.ClassDef) else "def"
    pattern = re.compile(rf"(^|\n|\r)([ \t]*(?:async[ \t]+)?{keyword}[ \t]+){re.escape(d.name)}\b")
    match = pattern.search(text)
    if match is None:
        raise T.CannotFix("header not found")
    head_end = match.end()
    text = text[:match.start(2)] + match.group(2) + lifted + text[head_end:]
    if frees and keyword == "def":
        paren = text.index("(", match.start(2) + len(match.group(2)) + len(lifted))
        rest = text[paren + 1:]
        empty = rest.lstrip().startswith(")")
        text = text[:paren + 1] + ", ".join(frees) + ("" if empty else ", ") + rest
    return text


# ---- decorators without functools.wraps ------------------------------------------------------------
def add_wraps(ctx, function):
    for decorator in function.decorator_list:
        if not isinstance(decorator, ast.Name):
            continue
        factory = next((s for s in ctx.tree.body if isinstance(s, T.FUNCS) and s.name == decorator.id), None)
        fix = _wraps_fix(ctx, factory) if factory is not None else None
        if fix is not None:
            return fix
    raise T.CannotFix("decorator not found")


def wraps_returned(ctx, decorator):
    """`@functools.wraps(func)` on the nested wrapper the top-level `decorator` returns (CannotFix otherwise)."""
    fix = _wraps_fix(ctx, decorator)
    if fix is None:
        raise T.CannotFix("no nested wrapper returned")
    return fix


def _wraps_fix(ctx, factory):
    factory = _handing_out(factory)
    if factory is None or not (factory.args.posonlyargs or factory.args.args):
        return None
    nl = T.newline(ctx)
    param = (factory.args.posonlyargs or factory.args.args)[0].arg
    returned = {r.value.id for r in nodes_in(factory) if isinstance(r, ast.Return)
                and isinstance(r.value, ast.Name)}
    for wrapper in factory.body:
        if isinstance(wrapper, T.FUNCS) and wrapper.name in returned and not _has_wraps(ctx, wrapper):
            alias, import_edit = T.need_module(ctx, "functools")
            indent = T.indent_of(ctx, T.first_row(wrapper))
            edits = [import_edit, T.insert_at_row(ctx, T.first_row(wrapper), f"{indent}@{alias}.wraps({param}){nl}")]
            return Fix(f"Add `@functools.wraps({param})` to `{wrapper.name}` in `{factory.name}` so the "
                       f"wrapper pickles under the decorated function's name", Applicability.SAFE,
                       T.merge_edits(edits))
    return None


def _handing_out(factory):
    """The function whose nested wrapper a bare `@factory` gives: `factory`, or the local decorator it applies
    (`if method is not None: return inner(method)`: the wrapper is the one `inner` returns)."""
    local = {s.name: s for s in factory.body if isinstance(s, T.FUNCS)}
    for node in nodes_in(factory):
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name) \
                and node.value.func.id in local and _owner(factory, node) is factory:
            return _handing_out(local[node.value.func.id])
    return factory


def decorator_wrapper_param(ctx, wrapper) -> str | None:
    """The parameter of the decorator that returns `wrapper` (the decorated function), when that decorator is
    only ever applied with `@` to functions of the module's top level (directly, `@timed`, or through a factory
    that returns it, `@hook("flush")`): then each such name holds its wrapper, and `functools.wraps` makes the
    wrapper pickle under that name. None otherwise (or when it already has `wraps`)."""
    decorator = T.enclosing_function(ctx, wrapper)
    if not isinstance(decorator, T.FUNCS) or ctx.parents.get(wrapper) is not decorator or _has_wraps(ctx, wrapper):
        return None
    params = decorator.args.posonlyargs + decorator.args.args
    if len(params) != 1 or wrapper.name not in _returned_names(decorator):
        return None
    if params[0].arg not in T.loaded_names(wrapper):
        return None
    factory = T.enclosing_function(ctx, decorator)
    if factory is None:
        applied, called = decorator, False
    elif ctx.parents.get(decorator) is factory and ctx.parents.get(factory) is ctx.tree \
            and decorator.name in _returned_names(factory):
        applied, called = factory, True
    else:
        return None
    if ctx.parents.get(applied) is not ctx.tree:
        return None
    uses = [n for n in nodes_in(ctx.tree) if isinstance(n, ast.Name) and n.id == applied.name]
    if not uses:
        return None
    for use in uses:
        expr = ctx.parents.get(use) if called else use
        if called and not (isinstance(expr, ast.Call) and expr.func is use):
            return None
        decorated = ctx.parents.get(expr)
        if not (isinstance(decorated, T.FUNCS) and expr in decorated.decorator_list
                and ctx.parents.get(decorated) is ctx.tree):
            return None
    return params[0].arg


def _returned_names(function) -> set:
    return {r.value.id for r in nodes_in(function) if isinstance(r, ast.Return) and isinstance(r.value, ast.Name)
            and _owner(function, r) is function}


def _owner(function, node):
    """The innermost function of `function` (itself included) that holds `node`."""
    for inner in ast.walk(function):
        if inner is not function and isinstance(inner, (*T.FUNCS, ast.Lambda)) and any(n is node for n in ast.walk(inner)):
            return inner
    return function


def wrap_nested(ctx, wrapper):
    param = decorator_wrapper_param(ctx, wrapper)
    if param is None or not T.owns_lines(ctx, wrapper):
        raise T.CannotFix("not a decorator's wrapper")
    nl = T.newline(ctx)
    alias, import_edit = T.need_module(ctx, "functools")
    indent = T.indent_of(ctx, T.first_row(wrapper))
    edit = T.insert_at_row(ctx, T.first_row(wrapper), f"{indent}@{alias}.wraps({param}){nl}")
    return Fix(f"Add `@functools.wraps({param})` to `{wrapper.name}` so the wrapper pickles under the decorated "
               "function's name", Applicability.SAFE, T.merge_edits([import_edit, edit]))


def _has_wraps(ctx, wrapper) -> bool:
    for d in wrapper.decorator_list:
        target = d.func if isinstance(d, ast.Call) else d
        if (ctx.imports.qualify(target) or "").endswith("wraps"):
            return True
    return False


# ---- instances holding a threading lock ---------------------------------------------------------------
LOCK_APIS = ("threading.Lock", "threading.RLock")


def thread_lock_state_fix(ctx, cls):
    # The lock may be stored by a base class of this module (`EnumeratorBase.__init__(self, ...)` in a
    # Process subclass that also derives from it): the object carries what its lineage stores in `self`.
    inits = [f for c in ctx.facts.lineage(cls) if isinstance(c, ast.ClassDef) for f in c.body
             if isinstance(f, ast.FunctionDef) and f.name == "__init__"]
    if not inits:
        raise T.CannotFix("no __init__")
    found = None
    for node in (n for init in inits for n in nodes_in(init)):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Attribute) \
                and isinstance(node.targets[0].value, ast.Name) and node.targets[0].value.id == "self" \
                and isinstance(node.value, ast.Call) and ctx.imports.qualify(node.value.func) in LOCK_APIS:
            found = node
            break
    if found is None:
        raise T.CannotFix("no lock attribute")
    attr = found.targets[0].attr
    if ctx.pickler.held_attribute(cls, frozenset({attr})) is not None:
        # another field pickle refuses (`self.stream = sys.stdout`) would still stop the process object
        raise T.CannotFix("another field is refused too")
    kind = ctx.imports.qualify(found.value.func).rsplit(".", 1)[1]
    mp, import_edit = T.need_module(ctx, "multiprocessing")
    edit = Edit(ctx.source.node_start(found.value.func), ctx.source.node_end(found.value.func), f"{mp}.{kind}")
    return Fix(f"Use `multiprocessing.{kind}()` for `self.{attr}`: it travels with the process object "
               "(unsafe: the lock is now shared between the processes)", Applicability.UNSAFE,
               T.merge_edits([import_edit, edit]))


def lift_class_call(ctx, call):
    """`CPInfo = namedtuple("CPInfo", "a b")` inside a function (also NamedTuple, Enum, TypedDict's
    call form): the assignment moves to module level, where pickle finds the class by name. Only
    when it reads nothing but constants and module-level names, and nothing else binds the name."""
    stmt = ctx.parents.get(call)
    if not (isinstance(stmt, ast.Assign) and stmt.value is call and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)) or not T.owns_lines(ctx, stmt):
        raise T.CannotFix("not a plain assignment")
    outer = T.enclosing_function(ctx, stmt)
    if not isinstance(outer, T.FUNCS):
        raise T.CannotFix("not in a function")
    _refuse_mangled_names(ctx, stmt)
    name = stmt.targets[0].id
    if T.loaded_names(call) - T.module_level_names(ctx) - builtin_names():
        raise T.CannotFix("reads local variables")
    if name in T.module_level_names(ctx) or sum(
            1 for n in nodes_in(outer) if isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load)) != 1:
        raise T.CannotFix("the name is bound elsewhere too")
    start, end = T.with_comments(ctx, T.first_row(stmt)), stmt.end_lineno
    text = T.end_with_newline(ctx, T.reindent(ctx, start, end, T.indent_of(ctx, T.first_row(stmt)), ""))
    stmt_list, _ = T.body_of(ctx, stmt)
    edits = [T.insert_block(ctx, T.lift_position(ctx, T.top_statement(ctx, stmt)), text)]
    if len(stmt_list) == 1:
        edits.append(Edit(T.row_start(ctx, start), T.row_start(ctx, end + 1),
                          f"{T.indent_of(ctx, T.first_row(stmt))}pass{T.newline(ctx)}"))
    else:
        edits.append(T.delete_rows(ctx, start, end))
    return Fix(f"Move the class `{name}` to module level, where pickle can find it by name", Applicability.SAFE,
               T.merge_edits(edits))


# ---- definitions under the main guard ------------------------------------------------------------------
def _move_above_guard(ctx, d):
    guard = T.main_guard(ctx)
    if guard is None or ctx.parents.get(d) is not guard or not any(s is d for s in guard.body):
        raise T.CannotFix("not directly under the guard")
    if not T.owns_lines(ctx, d):
        raise T.CannotFix("shares lines")
    nl = T.newline(ctx)
    index = next(i for i, s in enumerate(guard.body) if s is d)
    earlier = set()
    for stmt in guard.body[:index]:
        earlier |= T.bound_names(stmt)
    earlier -= T.module_level_names(ctx)
    header = list(d.decorator_list)
    if isinstance(d, ast.ClassDef):
        header += d.bases + [k.value for k in d.keywords]
        # class bodies run at definition time
        header += [s for s in d.body if not isinstance(s, T.FUNCS)]
    else:
        header += d.args.defaults + [x for x in d.args.kw_defaults if x is not None]
    for expr in header:
        if T.loaded_names(expr) & earlier:
            raise T.CannotFix("the definition needs names bound under the guard")
    start = T.with_comments(ctx, T.first_row(d))
    end = d.end_lineno
    old = T.indent_of(ctx, T.first_row(d))
    text = T.end_with_newline(ctx, T.reindent(ctx, start, end, old, ""))
    edits = [T.insert_block(ctx, T.lift_position(ctx, guard), text)]
    if len(guard.body) == 1:
        edits.append(Edit(T.row_start(ctx, start), T.row_start(ctx, end + 1), f"{old}pass{nl}"))
    else:
        drop_end = end
        while T.is_blank(ctx, drop_end + 1) and drop_end + 1 < T.first_row(guard.body[-1]) and index + 1 < len(guard.body):
            drop_end += 1
        edits.append(T.delete_rows(ctx, start, drop_end))
    reads = T.runtime_globals(ctx, d)
    kind = "class" if isinstance(d, ast.ClassDef) else "function"
    if reads:
        return Fix(f"Move the {kind} `{d.name}` above the main guard (unsafe: it reads {', '.join(reads)}, "
                   "which only the parent binds; pass them as arguments)", Applicability.UNSAFE,
                   T.merge_edits(edits))
    return Fix(f"Move the {kind} `{d.name}` above the main guard", Applicability.SAFE, T.merge_edits(edits))


# Public builders (rules call these): None when out of reach or when the result would not parse.
callable_fix = T.fix_builder(_callable_fix)
move_above_guard_fix = T.fix_builder(_move_above_guard, whole_module=True)
