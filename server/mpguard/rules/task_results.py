"""MP207 and MP208 for what a pool task sends back: the values it returns and the exceptions it raises, its own or
those of the functions it calls (other project modules' too), judged as the parent's unpickling meets them."""
from __future__ import annotations

import ast
import os
from pathlib import Path

from mpguard.resolve.project import function_summary, module_names
from mpguard.semantic.facts import Effect
from mpguard.semantic import values as V
from mpguard.semantic.exception_rebuild import derived_argument, string_rebuild
from mpguard.semantic.exception_args import caught_as, class_bases
from mpguard.semantic.pickle_catalog import refused_exceptions, unrebuildable_exceptions
from mpguard.semantic.hash_cycles import hash_cycle_problem
from mpguard.semantic.library_exceptions import library_exception
from mpguard.semantic.platforms import ALL_METHODS
from mpguard.semantic.reducers import registered_classes
from mpguard.fixes.arguments import generator_result_fix
from mpguard.fixes.exception_reducer import foreign_exception_fix, raised_in_helper_fix
from mpguard.fixes.lambda_field import lambda_field_fix
from mpguard.fixes.exceptions import exception_init_fix, exception_state_fix
from mpguard.fixes.refused import refused_value_fix
from mpguard.rules.caught_results import caught_raises, held_caught
from mpguard.rules.result_origins import origin_return
from mpguard.rules.rebuilt_results import returned_problem
from mpguard.rules.raised_elsewhere import imported_raises, shown_file
from mpguard.rules.raising_library_calls import task_raises
from mpguard.rules.context import is_copy
from mpguard.text.findings import RelatedFile
from mpguard.rules.pickle_reports import through
from mpguard.rules.unrebuildable_exceptions import rebuild_problem, missing_arguments


def imported_summary(ctx, value):
    """(summary, name) of a function of another project module, else (None, None)."""
    if type(value) is not V.ModuleRef:
        return None, None
    return function_summary(ctx.resolver, value.qualified)


def report_raised_at_origin(ctx, call, cls: str, line: int, error: str, path: str, via, methods) -> None:
    """The `raise` a task reaches in another project module is where the exception pickle cannot rebuild is
    made: the hazard is reported at this module's import of that module too (or of `via`, the called
    function's module, through which the call reaches it), the call a related location. The finding at the
    call stays: corpora anchor either place (the call, the class; the raise)."""
    shown = path.replace(chr(92), "/").rsplit("/", 1)[-1]
    ctx.report_at_origin("MP208", call, f"`{cls}` is raised on line {line} of {shown} in a task (the call on line "
                         f"{call.lineno} reaches it), and pickle cannot rebuild it in the parent: {error} "
                         "(a Pool hangs, an executor breaks)", methods, RelatedFile(path, line, f"`{cls}` is raised here"),
                         via=via, error=error)


def raised_at_home(summary, cls: str, path) -> bool:
    """Whether the raise is in the module that defines the exception class too: the hazard is all there,
    and that raise is its site. A class of yet another module raised here has two places (the class that
    pickle cannot rebuild, the raise): the finding stays at the call."""
    return path == summary.path and isinstance(summary.definitions.get(cls), ast.ClassDef)


def check_results(ctx, definition, serializer: str = "pickle", every=ALL_METHODS, submitted=None) -> None:
    """What the task returns and raises is pickled back to the parent (`every`: the methods and
    platforms of the first pool it was submitted to, `RuleContext.under_every_method`; `submitted`: that
    call, where the result crosses back into the parent: a related location of what the task returns)."""
    done = ctx.memo.setdefault("results checked", {})  # task definition -> the findings about its results
    if definition not in done:  # (a task function submitted again has the same results)
        since = len(ctx.findings)
        _task_results(ctx, definition, serializer, every, submitted)
        done[definition] = [f for f in ctx.findings[since:] if not is_copy(f)]
    ctx.copy_at_dispatch(done[definition], submitted)


def _task_results(ctx, definition, serializer: str, every, submitted) -> None:
    back = ((submitted, "the result crosses back into the parent here"),) if submitted is not None else ()
    info = ctx.facts.functions.get(definition)
    if info is None:
        return
    if serializer != "pickle":
        _library_results(ctx, info, serializer)
        return
    for value, node in info.returns:
        held = next((v for v in _held_instances(ctx, value) if rebuild_problem(v.cls.definition, v.node)), None)
        if held is not None:  # (an exception returned as a value, or inside the list or dict returned)
            reason = rebuild_problem(held.cls.definition, held.node)
            inside = "" if held is value else " a container holding"
            ctx.report("MP207", node, f"the task returns{inside} a `{held.cls.name}`, which {reason}, so pickle cannot "
                       f"rebuild it in the parent: {missing_arguments(held.cls.definition, held.node)} (an executor "
                       "breaks, a Pool hangs)", every, fix=exception_init_fix(ctx, held.cls.definition), related=back)
            continue
        if _caught_result(ctx, definition, value, node, every, back):
            continue
        rebuilt = _rebuilt_result(ctx, value)
        if rebuilt is not None:  # pickled, but its __new__ refuses the one value pickle rebuilds it with
            name, reason, error = rebuilt
            ctx.report("MP207", node, f"the task returns a `{name}`, which {reason}: {error} (an executor breaks, a "
                       "Pool hangs)", every, error=error, related=back)
            continue
        cycle = hash_cycle_problem(ctx.tree.body, definition, node) if type(definition) is ast.FunctionDef else None
        if cycle is not None:  # pickled, but hashed inside its own state before that state is restored
            name, reason, error = cycle
            ctx.report("MP207", node, f"the task returns a `{name}` that {reason}, so the parent cannot rebuild it: "
                       f"{error} (an executor breaks, a Pool's result handler dies)", every, error=error, related=back)
            continue
        problem = ctx.pickler.object_problem(value, pool_task=False)
        if problem is not None and problem.kind in ("unpicklable", "lambda", "local", "state"):
            generator = isinstance(value, V.Unpicklable) and value.what == "generator"
            ctx.report("MP207", node, f"the task returns {problem.what}, which cannot be sent back to the parent: "
                       f"{problem.error}", every, related=back,
                       fix=generator_result_fix(ctx, node) if generator else refused_value_fix(ctx, node, problem, False))
            made = origin_return(ctx, definition, value, problem.at)
            if made is not None and made is not node:  # a helper of this module made what the task returns
                helper = ctx.enclosing_function(made)
                ctx.report("MP207", made, f"{getattr(helper, 'name', 'this function')}() returns {problem.what} here, "
                           f"which the task {definition.name}() sends back to the parent (line {node.lineno}): "
                           f"{problem.error}", every, error=problem.error,
                           related=((node, f"the task {definition.name}() returns it here"), *back))
    raises = raises_by_function(ctx)
    reachable = ctx.reachable([definition])
    for call, qualified, _args, _kwargs, where in ctx.facts.project_calls:
        if where.function in reachable:
            summary, _name = imported_summary(ctx, V.ModuleRef(call, qualified))
            raised = imported_raises(ctx.resolver, qualified, ctx.as_read(call)) if summary is not None else ()
            raised = [r for r in raised
                      if ctx.escapes(definition, where.function, call,
                                     _imported_names(ctx, summary, r[0], r[3]) | getattr(r, "names", frozenset()))
                      and not registered_name(ctx, f"{raised_module(ctx, qualified, r[3])}.{r[0]}")]
            for cls, line, error, path in raised[:1]:
                ctx.report("MP208", call, f"{qualified}() (line {line} of {qualified.rpartition('.')[0]}"
                           f"{shown_file(path, summary.path)}) may raise `{cls}` in a task, and pickle cannot "
                           f"rebuild it in the parent: {error} (a Pool hangs, an executor breaks)", every, error=error,
                           related_file=RelatedFile(path, line, f"`{cls}` is raised here",
                                                    site=raised_at_home(summary, cls, path)),
                           fix=helper_class_fix(ctx, call, qualified, [(r[0], r[3]) for r in raised]))
                report_raised_at_origin(ctx, call, cls, line, error, path, summary.path, every)
    task_raises(ctx, definition, reachable, every)  # `xml.sax.parse(...)`, `response.raise_for_status()`
    for func in reachable:
        for effect in raises.get(func, ()):
            library = _library_exception(ctx, effect.node)
            names = library[2] if library is not None else raised_names(ctx, effect) | _cataloged_names(ctx, effect)
            if not ctx.escapes(definition, func, effect.node, names):
                continue  # caught on the way (`except ProtocolError: raise MirrorError(...)`): it never crosses
            if library is not None:  # a library exception pickle refuses (lxml's, holding their error log)
                name, error, _names = library
                ctx.report("MP208", effect.node, f"the task may raise `{name}`, which cannot be sent back to the "
                           f"parent: {error} (a Pool hangs, an executor breaks)", every, error=error)
                continue
            standard = _standard_exception(ctx, effect.node)
            if standard is not None:  # a standard-library exception the catalog saw fail to load again
                name, error = standard
                ctx.report("MP208", effect.node, f"`{name}` keeps only some of its constructor's arguments, so "
                           f"pickle cannot rebuild it in the parent: {error} (a Pool hangs, an executor breaks)",
                           every, error=error)
                continue
            if type(effect.detail) is V.Returned:  # `raise FetchError(url, status)` of another project module
                _imported_exception(ctx, effect, every)
                continue
            cls = effect.detail.cls.definition if effect.detail.cls else None
            base_of = module_bases(ctx)
            reason = rebuild_problem(cls, effect.detail.node, base_of)
            # The exception is pickled with its attributes: one that pickle refuses (the resource it
            # failed on, holding a lock) makes the worker's reply fail.
            problem = ctx.pickler.object_problem(effect.detail, pool_task=False)
            refused_state = problem is not None and problem.kind in ("unpicklable", "state")
            if reason:
                ctx.report("MP208", effect.node, f"`{cls.name}` {reason}, so pickle cannot rebuild it in the parent: "
                           f"{missing_arguments(cls, effect.detail.node, base_of)} (a Pool hangs, an executor breaks)",
                           every, fix=exception_state_fix(ctx, cls, True) if refused_state else exception_init_fix(ctx, cls))
                continue  # (passing every argument on would not be enough when its state is refused too)
            if refused_state:
                ctx.report("MP208", effect.node, f"the task may raise {problem.what}, which cannot be sent back to "
                           f"the parent: {problem.error}", every, error=problem.error)
                continue
            derived = _derived_rebuild(ctx, cls, effect.detail)
            if derived is not None:
                param, attribute = derived
                error = f"AttributeError: object has no attribute '{attribute}'"
                ctx.report("MP208", effect.node, f"`{cls.name}` passes `{param}.{attribute}`, not `{param}`, to "
                           f"super().__init__, so pickle rebuilds it as `{cls.name}({param}.{attribute})`, whose "
                           f"__init__ reads `.{attribute}` of that value: {error} (a Pool hangs, an executor breaks)",
                           every, fix=exception_init_fix(ctx, cls))
                continue
            made_string = string_rebuild(cls)
            if made_string is not None:
                param, attribute = made_string
                error = f"AttributeError: 'str' object has no attribute '{attribute}'"
                ctx.report("MP208", effect.node, f"`{cls.name}` passes a string made from `{param}`, not `{param}`, "
                           f"to super().__init__, so pickle rebuilds it by calling `{cls.name}` with that string, "
                           f"whose __init__ reads `{param}.{attribute}`: {error} (a Pool hangs, an executor breaks)",
                           every, fix=exception_init_fix(ctx, cls), error=error)


def unsendable_raises(ctx, definition) -> list:
    """[(raise node, message, error, fix)]: exceptions of this module's classes that `definition` (run in a worker by
    another module's task: rules/worker_methods.py) may raise uncaught and that pickle cannot send back: a class
    whose constructor arguments are not kept, or whose attributes pickle refuses (the fix: a lambda the exception
    keeps becomes a module-level function, `fixes/lambda_field`; else None)."""
    raises = raises_by_function(ctx)
    base_of = module_bases(ctx)
    found = []
    for func in ctx.reachable([definition]):
        for effect in raises.get(func, ()):
            if type(effect.detail) is not V.Instance or effect.detail.cls is None \
                    or not ctx.escapes(definition, func, effect.node, raised_names(ctx, effect)):
                continue
            cls = effect.detail.cls.definition
            reason = rebuild_problem(cls, effect.detail.node, base_of) if isinstance(cls, ast.ClassDef) else None
            if reason:
                error = missing_arguments(cls, effect.detail.node, base_of)
                found.append((effect.node, f"`{cls.name}` {reason}, so pickle cannot rebuild it in the parent: "
                              f"{error} (a Pool hangs, an executor breaks)", error, None))
                continue
            problem = ctx.pickler.object_problem(effect.detail, pool_task=False)
            if problem is not None and problem.kind in ("unpicklable", "state"):
                fix = lambda_field_fix(ctx, problem.definition, problem.what) \
                    if isinstance(problem.definition, ast.ClassDef) else None
                found.append((effect.node, f"it may raise {problem.what}, which cannot be sent back to the parent: "
                              f"{problem.error}", problem.error, fix))
    return sorted(found, key=lambda f: f[0].lineno)


def _names_of(cls: str) -> frozenset:
    """The names a handler may catch a class by, from its (qualified) name alone."""
    return frozenset((cls.rpartition(".")[2],))


def _imported_names(ctx, summary, cls: str, path) -> frozenset:
    """The names a handler may catch another module's exception class by: its name and the bases that
    module (and the project modules it imports them from) shows (`class ForbiddenExtraKeysError(
    BaseValidationError)`: `except BaseValidationError:` in the task catches it). Only the class's name
    when the raise is in a third module."""
    names = set(_names_of(cls))
    if path and path != summary.path:
        return frozenset(names)
    found = (summary.definitions or {}).get(cls.rpartition(".")[2])
    base_of = class_bases(summary.definitions or {}, summary.imports, ctx.resolver)
    for _ in range(16):  # (a chain of bases, each read once; a cycle of bad code stops here)
        if not isinstance(found, ast.ClassDef):
            break
        names.add(found.name)
        names.update(b.id if isinstance(b, ast.Name) else b.attr for b in found.bases
                     if isinstance(b, (ast.Name, ast.Attribute)))
        found = base_of(found)
    return frozenset(names)


def raised_names(ctx, effect) -> frozenset:
    """The names a handler may catch the raised exception by: its class and the bases this module
    shows (`class FetchError(RequestError)`, `class RequestError(OSError)`)."""
    exc = effect.node.exc
    made = exc.func if isinstance(exc, ast.Call) else exc
    names = {made.id} if isinstance(made, ast.Name) else {made.attr} if isinstance(made, ast.Attribute) else set()
    detail = effect.detail
    cls = detail.cls.definition if type(detail) is V.Instance and detail.cls is not None else None
    if isinstance(cls, ast.ClassDef):
        for c in ctx.facts.lineage(cls):
            names.add(c.name)
            names.update(b.id if isinstance(b, ast.Name) else b.attr for b in c.bases
                         if isinstance(b, (ast.Name, ast.Attribute)))
    return frozenset(names)


def _cataloged_names(ctx, effect) -> frozenset:
    """The names a handler may catch a cataloged library exception by (semantic/library_exceptions: its real
    bases, `except OSError` for an HTTPError), for a raise that builds one; else none."""
    exc = effect.node.exc
    made = exc.func if isinstance(exc, ast.Call) else None
    found = library_exception(ctx.imports.qualify(made)) if isinstance(made, (ast.Name, ast.Attribute)) else None
    return found[1] if found is not None else frozenset()


def _derived_rebuild(ctx, cls, raised: V.Instance) -> tuple[str, str] | None:
    """(parameter, attribute) when the exception hands `parameter.attribute` to its base and the value
    raised gives that parameter an instance of a class of this module whose `.attribute` is known not
    to be an object that has `.attribute` too (`node.parent` of a tree of nodes would rebuild)."""
    derived = derived_argument(cls)
    if derived is None:
        return None
    param, attribute = derived
    init = next(f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == "__init__")
    position = [a.arg for a in init.args.args[1:]].index(param)
    made = raised.node if isinstance(raised.node, ast.Call) else None
    if made is None or any(isinstance(a, ast.Starred) for a in made.args) or made.keywords \
            or position >= len(raised.args):
        return None
    given = raised.args[position]
    if type(given) is not V.Instance or given.cls is None or not isinstance(given.cls.definition, ast.ClassDef):
        return None
    held = [value for c in ctx.facts.lineage(given.cls.definition)
            for name, value in ctx.facts.instance_attributes.get(c, ()) if name == attribute]
    if given.fields is not None and attribute in given.fields:
        held.append(given.fields[attribute])
    if not held or any(_may_be_object(ctx, value) for value in held):
        return None
    return derived


def _may_be_object(ctx, value, depth: int = 0) -> bool:
    """Could this value be an instance of some class (which might have any attribute)? A parameter is
    what its callers pass, as far as the flow knows (a parameter no call site gives is not judged)."""
    kind = type(value)
    if kind is V.Union:
        return any(_may_be_object(ctx, option, depth) for option in value.options)
    if kind is V.Param and depth < 3:
        resolved = ctx.flow.resolve(value)
        return resolved is not None and resolved is not value and _may_be_object(ctx, resolved, depth + 1)
    return kind not in (V.Constant, V.Param, V.Sequence)


def _caught_result(ctx, task, value, node, every, back) -> bool:
    """MP207 for an exception the task caught and returns inside its result (rules/caught_results.py),
    of a class pickle cannot rebuild from its `args`. True when reported."""
    for caught in held_caught(ctx, value):
        for effect in caught_raises(ctx, task, caught, raises_by_function(ctx), lambda e: raised_names(ctx, e)):
            judged = rebuild_judged(ctx, effect)
            if judged is None:
                continue
            name, reason, error = judged
            ctx.report("MP207", node, f"the task returns the `{name}` it caught (line {caught.handler.lineno}, raised "
                       f"on line {effect.node.lineno}) inside its result, and `{name}` {reason}, so pickle cannot "
                       f"rebuild it in the parent: {error} (an executor breaks, a Pool hangs)", every, error=error,
                       related=((effect.node, f"`{name}` is raised here"), *back), fix=_caught_fix(ctx, effect))
            return True
    return False


def _caught_fix(ctx, effect):
    """The fix of an exception the task catches and returns, as for one it raises (MP208): a class of this module
    records its arguments for `__reduce__`; a class of another project module, raised here, is registered with
    copyreg in this module, which runs in the worker that pickles the result."""
    detail = effect.detail
    if type(detail) is V.Instance:
        return exception_init_fix(ctx, detail.cls.definition)
    lookup = getattr(ctx.resolver, "class_definition", None) if ctx.resolver is not None else None
    found = lookup(detail.qualified) if lookup is not None and type(detail) is V.Returned else None
    if found is None or not isinstance(found[0], ast.ClassDef):
        return None
    cls, imports = found
    names = module_names(ctx.resolver, detail.qualified.rpartition(".")[0])
    definitions = {n: d for n, d in (names[0] if names else {}).items() if isinstance(d, ast.ClassDef)}
    return foreign_exception_fix(ctx, effect, cls, class_bases(definitions, imports, ctx.resolver))


def sent_exception_judged(ctx, value):
    """(class name, reason, error) when `value` is an exception object (one made here, of a class of this module or
    another project module's) that pickle sends but cannot rebuild from its `args` on the other side: judged as a
    raised one (`rebuild_judged`), once its class is surely an exception (its bases reach BaseException)."""
    return rebuild_judged(ctx, _Sent(value), exceptions_only=True)


class _Sent:
    """A value sent somewhere, in the shape of the raise effect `rebuild_judged` reads (`detail`)."""

    def __init__(self, detail):
        self.detail = detail


def rebuild_judged(ctx, effect, exceptions_only: bool = False):
    """(class name, reason, error) when the exception a raise makes cannot be rebuilt from its `args`: a
    class of this module, or of another project module (judged with that module's bases). `exceptions_only`:
    nothing unless the class surely derives from BaseException (a value that is not raised may be any object,
    and pickle rebuilds other objects without calling their __init__)."""
    detail = effect.detail
    if type(detail) is V.Instance and detail.cls is not None and isinstance(detail.cls.definition, ast.ClassDef):
        cls, base_of = detail.cls.definition, module_bases(ctx)
    elif type(detail) is V.Returned and ctx.resolver is not None:
        lookup = getattr(ctx.resolver, "class_definition", None)
        found = lookup(detail.qualified) if lookup is not None else None
        if found is None or not isinstance(found[0], ast.ClassDef):
            return None
        cls, imports = found
        module = detail.qualified.rpartition(".")[0]
        names = module_names(ctx.resolver, module)
        definitions = {n: d for n, d in (names[0] if names else {}).items() if isinstance(d, ast.ClassDef)}
        base_of = class_bases(definitions, imports, ctx.resolver)
        if _registered(ctx, effect, detail.qualified):
            return None
    else:
        return None
    if exceptions_only and "BaseException" not in caught_as(cls, base_of):
        return None
    reason = rebuild_problem(cls, detail.node, base_of)
    return (cls.name, reason, missing_arguments(cls, detail.node, base_of)) if reason else None


def _rebuilt_result(ctx, value):
    """(class, reason, error) of a returned object pickle cannot rebuild by its __new__ (rules/rebuilt_results)."""
    value = ctx.flow.resolve(value) if type(value) in (V.Param, V.CallResult, V.Element) else value
    for option in value.options if type(value) is V.Union else (value,):
        found = returned_problem(ctx, option, module_bases(ctx))
        if found is not None:
            return found
    return None


def raises_by_function(ctx) -> dict:
    raises = ctx.memo.get("raises by function")
    if raises is None:
        raises = ctx.memo["raises by function"] = {}
        for effect in ctx.facts.effects_of("raise"):
            if type(effect.detail) is V.Union:
                effect = _unrebuildable_option(ctx, effect)
                if effect is None:
                    continue
            if isinstance(effect.detail, V.Instance) or _standard_exception(ctx, effect.node) is not None \
                    or type(effect.detail) is V.Returned or _library_exception(ctx, effect.node) is not None:
                raises.setdefault(effect.where.function, []).append(effect)
    return raises


def _unrebuildable_option(ctx, effect):
    """`raise exc_class(...)` where `exc_class = _BY_CODE.get(code, ErrorReturnCode)` (sh #439): the walk gives
    the union of the classes the mapping holds and the default. The raise of the first of those, a class of
    this module, that pickle cannot rebuild (as linter/raise_paths does for another module's); None when each
    can be rebuilt (their other problems are not judged for a choice: silence)."""
    base_of = module_bases(ctx)
    for option in effect.detail.options:
        cls = option.cls.definition if type(option) is V.Instance and option.cls is not None else None
        if isinstance(cls, ast.ClassDef) and rebuild_problem(cls, option.node, base_of):
            return Effect(effect.kind, effect.node, effect.where, option)
    return None


def _held_instances(ctx, value, depth: int = 0):
    """The instances of this module's classes a returned value is or holds (list, tuple and dict items, the
    options of a union; what a name resolves to), a few levels deep."""
    value = ctx.flow.resolve(value) if type(value) in (V.Param, V.CallResult, V.Element) else value
    if type(value) is V.Instance and value.cls is not None and isinstance(value.cls.definition, ast.ClassDef):
        yield value
    elif type(value) in (V.Sequence, V.Union) and depth < 3:
        for item in value.items if type(value) is V.Sequence else value.options:
            yield from _held_instances(ctx, item, depth + 1)


def helper_class_fix(ctx, call, qualified: str, raised: list):
    """The copyreg fix for the classes (`raised`: (name, path of the raise)) that the function `qualified` of
    another project module raises, in its own module or through a further one (google-genai's `ClientError`,
    raised in errors.py by models.py): each class read in the module of the file its raise is in, judged with
    its bases (exception_reducer). Every one, or no fix: one left unregistered still fails in the parent."""
    lookup = getattr(ctx.resolver, "class_definition", None) if ctx.resolver is not None else None
    if lookup is None or not raised:
        return None
    modules = {raised_module(ctx, qualified, path) for _name, path in raised}
    module = modules.pop() if len(modules) == 1 else None
    if module is None:
        return None
    names = module_names(ctx.resolver, module)
    definitions = {n: d for n, d in (names[0] if names else {}).items() if isinstance(d, ast.ClassDef)}
    classes = []
    for name in dict.fromkeys(name for name, _path in raised):
        found = lookup(f"{module}.{name}")
        if found is None or not isinstance(found[0], ast.ClassDef):
            return None
        cls, imports = found
        classes.append((cls, class_bases(definitions, imports, ctx.resolver)))
    return raised_in_helper_fix(ctx, call, module, classes)


def raised_module(ctx, qualified: str, path: str) -> str | None:
    """The dotted module of the file `path` that a call of `qualified` reaches a raise in: the module of
    `qualified` itself, or another module under the same root (its path below the root the called module's
    package is in), when the resolver finds that module at `path`."""
    locate = getattr(ctx.resolver, "locate", None)
    if locate is None or not path:
        return None
    target = os.path.realpath(path)
    parts = qualified.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        module = ".".join(parts[:cut])
        found = locate(module)
        if found is None:
            continue
        if os.path.realpath(found) == target:
            return module
        root = found.parent.parent if found.name == "__init__.py" else found.parent
        for _ in range(cut - 1):
            root = root.parent
        try:
            rel = Path(target).relative_to(os.path.realpath(root))
        except ValueError:
            return None
        dotted = [*rel.parts[:-1], rel.stem] if rel.stem != "__init__" else list(rel.parts[:-1])
        other = ".".join(dotted)
        located = locate(other) if dotted and all(p.isidentifier() for p in dotted) else None
        return other if located is not None and os.path.realpath(located) == target else None
    return None


def _imported_exception(ctx, effect, every) -> None:
    """An exception class of another project module raised in a task here: judged with that module's
    classes (its bases may be there too)."""
    qualified = effect.detail.qualified
    lookup = getattr(ctx.resolver, "class_definition", None) if ctx.resolver is not None else None
    found = lookup(qualified) if lookup is not None else None
    if found is None or not isinstance(found[0], ast.ClassDef):
        return
    cls, imports = found
    module = qualified.rpartition(".")[0]
    names = module_names(ctx.resolver, module)
    definitions = {n: d for n, d in (names[0] if names else {}).items() if isinstance(d, ast.ClassDef)}
    base_of = class_bases(definitions, imports, ctx.resolver)
    reason = rebuild_problem(cls, effect.detail.node, base_of)
    if reason and not _registered(ctx, effect, qualified):
        error = missing_arguments(cls, effect.detail.node, base_of)
        ctx.report("MP208", effect.node, f"`{cls.name}` (from {module}) {reason}, so pickle cannot rebuild it in the "
                   f"parent: {error} (a Pool hangs, an executor breaks)", every, error=error,
                   fix=foreign_exception_fix(ctx, effect, cls, base_of))


def _registered(ctx, effect, qualified: str) -> bool:
    """The module registers a pickling function for the class with copyreg (semantic/reducers.py), by the
    name it was defined under or the one the raise uses (a package re-exporting it)."""
    if "copyreg registrations" not in ctx.memo:
        ctx.memo["copyreg registrations"] = registered_classes(ctx.tree, ctx.imports)
    registered = ctx.memo["copyreg registrations"]
    made = getattr(effect.detail, "node", None)
    named = ctx.imports.qualify(made.func) if isinstance(made, ast.Call) else None
    return qualified in registered or named in registered


def registered_name(ctx, qualified: str) -> bool:
    """`_registered` for a class known by its qualified name (raised in another module's function)."""
    if "copyreg registrations" not in ctx.memo:
        ctx.memo["copyreg registrations"] = registered_classes(ctx.tree, ctx.imports)
    return qualified in ctx.memo["copyreg registrations"]


def module_bases(ctx):
    """The base classes of this module's exceptions, in this module or another project module
    (semantic/exception_args): how many arguments reach Exception.__init__ through them."""
    if "exception bases" not in ctx.memo:
        definitions = {s.name: s for s in ctx.tree.body if isinstance(s, ast.ClassDef)}
        ctx.memo["exception bases"] = class_bases(definitions, ctx.imports, ctx.resolver)
    return ctx.memo["exception bases"]


def _library_results(ctx, info, serializer: str) -> None:
    """What a task of a dill or cloudpickle pool returns crosses back with that serializer: only what
    it refuses too (a generator, a sqlite3 connection) is reported."""
    for value, node in info.returns:
        problem = through(ctx.pickler.object_problem(value, pool_task=False), serializer)
        # (also an object whose state holds what the serializer refuses: dill and cloudpickle pickle an instance's
        # __dict__ as pickle does, and refuse a generator kept there: dockerHDDM #5's fitted HDDMrl)
        if problem is not None and problem.kind in ("unpicklable", "state"):
            ctx.report("MP207", node, f"the task returns {problem.what}, which {serializer} cannot send back to the "
                       f"parent either: {problem.error}", ALL_METHODS)


def _library_exception(ctx, node) -> tuple[str, str, frozenset] | None:
    """(class, error, the names a handler catches it by) for a `raise` of a library exception the catalog saw
    pickle refuse: `raise etree.XMLSyntaxError(...)`, or the one an `except etree.XMLSyntaxError [as exc]:` handler
    caught, re-raised by a bare `raise` or `raise exc` (trafilatura #420: its error log is refused)."""
    exc = getattr(node, "exc", None)
    if isinstance(exc, ast.Call):
        named = exc.func
    else:
        handler = ctx.parents.get(node)
        while handler is not None and not isinstance(handler, (ast.ExceptHandler, ast.FunctionDef,
                                                               ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            handler = ctx.parents.get(handler)
        if not isinstance(handler, ast.ExceptHandler) or handler.type is None:
            return None
        if exc is not None and not (isinstance(exc, ast.Name) and exc.id == handler.name):
            return None
        named = handler.type
    if not isinstance(named, (ast.Name, ast.Attribute)):
        return None
    qualified = ctx.imports.qualify(named)
    error = refused_exceptions().get(qualified) if qualified else None
    if not error:
        return None
    # caught on the way by any handler naming one of that module's cataloged exceptions (a base, `except
    # etree.LxmlError`), precision first
    module = qualified.rpartition(".")[0]
    names = {name.rpartition(".")[2] for name in refused_exceptions() if name.rpartition(".")[0] == module}
    return qualified, error, frozenset({named.id if isinstance(named, ast.Name) else named.attr, *names})


def _standard_exception(ctx, node) -> tuple[str, str] | None:
    """`raise ProtocolError(...)` of a standard-library exception that does not survive pickling."""
    exc = getattr(node, "exc", None)
    if not isinstance(exc, ast.Call):
        return None
    qualified = ctx.imports.qualify(exc.func)
    error = unrebuildable_exceptions().get(qualified) if qualified else None
    return (qualified, error) if error else None
