"""The Pickler's judging of what a class's methods store in self: a refused object made there, one a module-level
function or sibling class makes, a module global, a lambda, or a module attribute the module may replace."""
from __future__ import annotations

import ast

from mpguard.semantic import errors
from mpguard.semantic.calls import UNPICKLABLE
from mpguard.semantic.unpacked_stores import stored_options
from mpguard.semantic.local_values import binds, local_values, only_nested_def, own_nodes, scoped_in
from mpguard.semantic.module_globals import single_assignments
from mpguard.semantic.names import api_kind
from mpguard.semantic.pickle_catalog import file_type, refused, refused_held, refused_module, refused_type_error
from mpguard.semantic.refusing_state import REFUSES
from mpguard.semantic.pickle_problems import local_error, lambda_error, FUNCS, with_article, qualname
from mpguard.semantic.self_generators import self_generator_call
from mpguard.semantic.kept_arguments import kept_arguments, with_spread_keys


def top_bound_names(stmt) -> set:
    """The names a statement at a module's top binds (assignments, defs, classes, imports)."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {stmt.name}
    if isinstance(stmt, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in stmt.names}
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] \
        if isinstance(stmt, (ast.AnnAssign, ast.AugAssign)) else []
    return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}


def unpicklable_expr(value: ast.expr, imports):
    """What pickle refuses in an expression that builds a value: (what, error), else None."""
    if isinstance(value, ast.Lambda):
        return "a lambda", lambda_error()
    if isinstance(value, ast.GeneratorExp):
        return "a generator", errors.text("generator")
    if type(value) is ast.Name and imports is not None and value.id in getattr(imports, "modules", ()):
        module = refused_module()  # `backend=math` (CosmoHammer #10: "can't pickle module objects")
        if module is not None:
            return f"the module {imports.names.get(value.id, value.id)} (a {module[0]})", module[1]
    if isinstance(value, ast.Call) and imports is not None:
        qualified = imports.qualify(value.func)
        kind = api_kind(qualified)
        if kind in (None, "thread-lookalike", "Thread") and refused(qualified) is not None:  # (threading.local, .Thread)
            what, error = refused(qualified)
            return with_article(what), error
        if kind in UNPICKLABLE:
            what, error = UNPICKLABLE[kind]
            if qualified.endswith("RLock"):
                error = errors.text("thread_rlock")
            mode = _file_mode(value) if kind == "open" else None
            if mode is not None and "b" in mode:  # `open(path, "rb")`: a BufferedReader, with its own words
                error = refused_type_error(file_type(mode)) or error
            return with_article(what), error
    return None


def _file_mode(call: ast.Call) -> str | None:
    """The constant mode of an `open(...)` call ("r" when not given), else None."""
    mode = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "mode"), None)
    if mode is None:
        return "r"
    return mode.value if type(mode) is ast.Constant and isinstance(mode.value, str) else None


class _EveryName:
    def __contains__(self, name) -> bool:
        return True


_EVERY_NAME = _EveryName()


REDIRECTS = {"contextlib.redirect_stdout": "sys.stdout", "contextlib.redirect_stderr": "sys.stderr"}


def _rebound_names(tree, imports):
    if imports is None:
        return _EVERY_NAME
    names = set()
    for node in ast.walk(tree):
        targets = ()
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = (node.target,)
        elif isinstance(node, ast.Call):
            qualified = imports.qualify(node.func)
            if qualified in REDIRECTS:
                names.add(REDIRECTS[qualified])
            elif isinstance(node.func, ast.Name) and node.func.id == "setattr" and len(node.args) >= 2 \
                    and isinstance(node.args[1], ast.Constant):
                names.add(f"{imports.qualify(node.args[0])}.{node.args[1].value}")
        for target in targets:
            for part in ast.walk(target):
                if isinstance(part, (ast.Attribute, ast.Name)):  # `stdout = ...` after `from sys import stdout`
                    names.add(imports.qualify(part))
    return names


class StorePickling:
    """What pickle meets in the values a class's methods store in `self` (judged as the expression that makes them)."""

    def _stored_problem(self, value, imports, cls, depth: int = 0, spread=None, straight=False):
        """(what, error) pickle refuses in what a method stores in `self`: a refused object, a held one (`sys.stdout`),
        either branch of `x if cond else y`, or an instance of a class of the same module whose own state is refused
        (`ResourceLoader(app_path)` keeping a sqlite connection: mindmeld #340's shape)."""
        if isinstance(value, ast.IfExp) and depth < 3:
            return self._stored_problem(value.body, imports, cls, depth + 1, spread) \
                or self._stored_problem(value.orelse, imports, cls, depth + 1, spread)
        if isinstance(value, (ast.ListComp, ast.SetComp)) and depth < 3:  # `[Sub(i) for i in ...]`: each item kept
            return self._stored_problem(value.elt, imports, cls, depth + 1, spread)
        if isinstance(value, (ast.Dict, ast.List, ast.Tuple, ast.Set)) and depth < 3:
            return self._container_problem(value, imports, cls, depth, spread, straight)
        bad = unpicklable_expr(value, imports or self.imports) or self._held_expr(value, imports, cls)
        # (`straight`: True, or the method whose straight path makes the store; a name that method binds itself,
        # spaCy's `create_tokenizer` parameter, is not the module's function of that name)
        if bad is None and straight and isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and depth < 3 \
                and not (type(straight) in FUNCS and binds(straight, value.func.id)):
            # (only for a store every call of its method makes: what a helper returns under a test on data, uvicorn's
            # `elif self.is_ssl: self.ssl = create_ssl_context(...)` / `else: self.ssl = None`, is not said to be held)
            maker = self._sibling_function(cls, value.func.id)
            bad = self._made_by(maker, imports, cls, depth + 1) if maker is not None else None
        if bad is None and straight and isinstance(value, ast.Call) and depth < 3 \
                and not (type(straight) in FUNCS and isinstance(value.func, ast.Name) and binds(straight, value.func.id)):
            bad = self._foreign_made(value, imports)
        if bad is None and type(straight) in FUNCS and type(value) is ast.Call and depth == 0:
            # `self.updater = self._q_updates()`: a generator method of the object's own class (or a base)
            lineage = self.lineage(cls) if self.lineage is not None else [cls]
            name = self_generator_call(value, straight, lineage)
            if name is not None and name not in getattr(self, "_overridden", ()):  # (a subclass's own method runs)
                bad = (f"a generator (what its .{name}() makes)", errors.text("generator"))
        if bad is None and isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
            # `self.tokenizer = CoreBPE(ranks)`, a class of the module whose own __reduce__ only raises
            refusal = self._refusal(self._sibling_class(cls, value.func.id, imports, raw=True))
            if refusal is not None:
                bad = (f"an instance of {value.func.id}, whose {refusal[0]}.{refusal[1]} {REFUSES}", refusal[2])
        if bad is None and isinstance(value, ast.Call) and depth < 3:
            made, made_imports, source = self._made_class(cls, value.func, imports)
            # (the call that makes it: the constructor's defaults count for the parameters it leaves out)
            made_by = with_spread_keys(value, spread or {})
            nested = self.state_problem(made, made_imports, call=made_by) \
                if made is not None and made is not cls else None
            if nested is None and made is not None and made is not cls:
                # `Index(Engine(url))`: a dataclass field the call leaves to its default (`field(default_factory=
                # threading.RLock)`), made afresh for each object
                nested = self._left_field_problem(made, made_imports, made_by)
            if nested is not None:
                bad = (f"an instance of {made.name}{source}, whose {nested[0]}", nested[1])
            elif made is not None and made is not cls and not (type(straight) in FUNCS and isinstance(value.func, ast.Name)
                                                                and binds(straight, value.func.id)):
                # `Retry(predicate=if_exception_type(...))`: what it keeps
                for attr, given in kept_arguments(made, value):
                    inner = self._stored_problem(given, imports, cls, depth + 1, straight=straight)
                    if inner is not None:
                        return f"an instance of {made.name}{source}, whose .{attr} is {inner[0]}", inner[1]
        return bad

    def _container_problem(self, value, imports, cls, depth: int, spread, straight):
        """(what, error) pickle refuses in an item of a container display stored in `self` (`self._handlers =
        {"SMB2": sign, "SMB3": lambda data: data[:8]}`): pickle walks a dict's keys and values and a list's, tuple's
        or set's items with the object that holds it."""
        if isinstance(value, ast.Dict):
            items = [(f"key {ast.unparse(k)}", k) for k in value.keys if k is not None]
            items += [(f"item {ast.unparse(k)}" if k is not None else "item", v) for k, v in zip(value.keys, value.values)]
            kind = "a dict"
        else:
            items = [("item", e.value if type(e) is ast.Starred else e) for e in value.elts]
            kind = f"a {type(value).__name__.lower()}"
        for where, item in items:
            bad = self._stored_problem(item, imports, cls, depth + 1, spread, straight)
            if bad is None:
                continue
            if isinstance(item, ast.Lambda):  # `SMBConnection.__init__.<locals>.<lambda>`
                name = qualname(item, self.parents, "<lambda>")
                if item not in self.parents and isinstance(cls, ast.ClassDef):  # a class of another module
                    method = next((f for f in cls.body if isinstance(f, FUNCS)
                                   and f.lineno <= item.lineno <= (f.end_lineno or 0)), None)
                    name = f"{cls.name}.{method.name}.<locals>.<lambda>" if method is not None else name
                bad = (bad[0], local_error(name)) if "<locals>" in name else bad
            return f"{kind} whose {where} is {bad[0]}", bad[1]
        return None

    def _sibling_function(self, cls, name: str):
        """The function `name` defined once at the top of the module that defines `cls` (that module's own name for
        it: nothing else there binds it), else None."""
        module = cls
        while module in self.parents:
            module = self.parents[module]
        if not isinstance(module, ast.Module):  # a class of another module: that module's top-level function
            owner = self._foreign.get(id(cls), (None, None))[1]
            lookup = getattr(self.resolver, "definition", None) if owner and self.resolver is not None else None
            found = lookup(f"{owner}.{name}") if lookup is not None else None
            return found if type(found) is ast.FunctionDef else None
        bound = [s for s in module.body if name in top_bound_names(s)]
        return bound[0] if len(bound) == 1 and type(bound[0]) is ast.FunctionDef else None

    def _made_by(self, func: ast.FunctionDef, imports, cls, depth: int) -> tuple[str, str] | None:
        """(what, error) pickle refuses in whatever the module-level function `func` returns (the call stored in
        `self`, `self._log = _make_logger(name)`): every `return` gives a refused value, built there or in a local
        that every assignment gives one (`log = logging.Logger(name)`; `log.addHandler(h)` then changes what the
        object holds, not what it is), and the end of the body is a `return`. Read from the function's tree once."""
        key = ("made by", id(func))
        if key in self._memo:
            return self._memo[key][1]
        self._memo[key] = (func, None)  # (a function returning its own call: said nothing)
        answer = None
        if not func.decorator_list and func.body and type(func.body[-1]) is ast.Return:
            found = []
            for node in own_nodes(func):
                kind = type(node)
                if kind in (ast.Yield, ast.YieldFrom, ast.Await):
                    found = []
                    break
                if kind is ast.Return:
                    value = node.value
                    bad = None if value is None else self._local_problem(func, node, value.id, imports, cls, depth) \
                        if type(value) is ast.Name else self._stored_problem(value, imports, cls, depth)
                    nested = only_nested_def(func, value.id) if bad is None and type(value) is ast.Name else None
                    if nested is not None:  # `def pred(exc): ...` then `return pred`: found by no qualified name
                        bad = (f"the nested function '{nested.name}'", local_error(f"{func.name}.<locals>.{nested.name}"))
                    if bad is None:
                        found = []
                        break
                    found.append(bad)
            if found:
                answer = (f"{found[0][0]} (what {func.name}() returns)", found[0][1])
        self._memo[key] = (func, answer)
        return answer

    def _made_class(self, cls, func, imports):
        """(ClassDef, its module's imports, " (from module)" or "") of the class a call in a method of `cls` makes:
        one defined next to `cls`, or one its module imports from another project module (`Connection(dsn)`
        after `from kit.driver import Connection`, `driver.Connection(dsn)`), read with that module's own
        imports; else (None, None, "")."""
        if isinstance(func, ast.Name):
            made = self._sibling_class(cls, func.id, imports)
            if made is not None:
                return made, imports, ""
        qualify = getattr(imports or self.imports, "qualify", None)
        qualified = qualify(func) if qualify is not None else None
        # (a class this module registers a copyreg pickling function for pickles that way, not by its state)
        found = self._project_class(qualified) if qualified not in self.registered else None
        return (*found, f" (from {qualified.rpartition('.')[0]})") if found is not None else (None, None, "")

    def _sibling_class(self, cls, name: str, imports, raw: bool = False):
        """The class `name` defined at the top of the module that defines `cls`, else None. `raw`: also a class of
        another module that pickles its own way (else only one pickled by its __dict__)."""
        module = cls
        while module in self.parents:
            module = self.parents[module]
        if not isinstance(module, ast.Module):  # a class of another module (read with its own imports)
            owner = self._foreign.get(id(cls), (None, None))[1]
            if raw:
                found = self.resolver.class_definition(f"{owner}.{name}") \
                    if owner and self.resolver is not None and hasattr(self.resolver, "class_definition") else None
                if found is not None:
                    self._foreign[id(found[0])] = (found[0], owner)
                return found[0] if found is not None else None
            found = self._project_class(f"{owner}.{name}") if owner else None
            return found[0] if found is not None else None
        return next((s for s in module.body if isinstance(s, ast.ClassDef) and s.name == name), None)

    def _module_lambda(self, cls: ast.ClassDef, name: str):
        """(the lambda, its module's name) that `name` is bound to, once, at the top of this module, which
        defines `cls` (`identity = lambda x: x`, a constructor's default), else None."""
        module = cls
        while module in self.parents:
            module = self.parents[module]
        if not isinstance(module, ast.Module):  # a class of another project module: that module's top-level lambdas
            owner = self._foreign.get(id(cls), (None, None))[1]
            lookup = getattr(self.resolver, "definition", None) if owner and self.resolver is not None else None
            found = lookup(f"{owner}.{name}") if lookup is not None else None
            return (found, owner) if isinstance(found, ast.Lambda) else None
        bound = [s for s in module.body if name in top_bound_names(s)]
        found = bound[0].value if len(bound) == 1 and type(bound[0]) is ast.Assign else None
        return (found, "__main__") if isinstance(found, ast.Lambda) else None

    def _unpacked_problem(self, method, node, target, imports, cls, absent) -> tuple[str, str] | None:
        """(what, error) of the first attribute an unpacking store (`self.f, self.g = transforms[kind]`) surely
        gives a value pickle refuses: every expression it may be given there refused (semantic/unpacked_stores)."""
        for attr, options in stored_options(method, ast.Assign(targets=[target], value=node.value)):
            bad = self._options_problem(method, options, imports, cls) if attr not in absent else None
            if bad is not None:
                return f".{attr} is {bad[0]}", bad[1]
        return None

    def _options_problem(self, method, options, imports, cls) -> tuple[str, str] | None:
        """(what, error) when each of `options` (expressions a store may put in `self`) is refused, else None."""
        found = [self._stored_problem(option, imports, cls) for option in options or ()]
        if not found or any(bad is None for bad in found):
            return None
        return self._lambda_named(method, options[0], cls, found[0]) if isinstance(options[0], ast.Lambda) \
            else found[0]

    def _lambda_named(self, method, value: ast.Lambda, cls, bad: tuple) -> tuple:
        """`bad` with the error pickle gives a lambda made in `method`: found by no name, a local object
        (`Scorer.__init__.<locals>.<lambda>`), also in a class of another module (whose tree has no parents here)."""
        name = qualname(value, self.parents, "<lambda>")
        if "<locals>" not in name and id(cls) in self._foreign and method in cls.body \
                and not any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n is not method
                            and any(m is value for m in ast.walk(n)) for n in ast.walk(method)):
            name = f"{cls.name}.{method.name}.<locals>.<lambda>"
        return (bad[0], local_error(name)) if "<locals>" in name else bad

    def _global_problem(self, cls, name: str, imports) -> tuple[str, str] | None:
        """(what, error) pickle refuses in the value the module defining `cls` binds its global `name` to, once,
        at its top (semantic/module_globals.py): an object stored from there is pickled by its state."""
        value = self._module_value(cls, name)
        if value is None or isinstance(value, ast.Lambda):  # (a module-level lambda: `_module_lambda`'s question)
            return None
        bad = self._stored_problem(value, imports, cls, depth=1, straight=True)
        return (f"the module's {name}, {bad[0]}", bad[1]) if bad is not None else None

    def _module_value(self, cls, name: str):
        """The expression the module defining `cls` assigns its global `name` once, else None."""
        module = cls
        while module in self.parents:
            module = self.parents[module]
        if isinstance(module, ast.Module):
            key = ("globals", id(module))
            if key not in self._memo:
                self._memo[key] = (module, single_assignments(module))
            return self._memo[key][1].get(name)
        owner = self._foreign.get(id(cls), (None, None))[1]
        lookup = getattr(self.resolver, "module_global", None) if owner and self.resolver is not None else None
        return lookup(f"{owner}.{name}") if lookup is not None else None

    def _local_problem(self, method, store, name: str, imports, cls, depth: int = 0) -> tuple[str, str] | None:
        """What pickle refuses in the local `name` that `store` (a statement of `method`) puts in `self` (or
        returns): every value the method assigns to it must be refused (one that may be fine, `root = None`,
        says nothing)."""
        if not scoped_in(method, store):
            return None
        values = local_values(method, name)
        found = [self._stored_problem(v, imports, cls, depth) for v in values or () if not isinstance(v, ast.Lambda)]
        if not found or len(found) != len(values) or any(bad is None for bad in found):
            return None
        return found[0]

    def _held_expr(self, expr, imports, anchor) -> tuple[str, str] | None:
        """`self.stream = sys.stdout` (or a parameter defaulting to it): the object the name holds."""
        imports = imports or self.imports
        if not isinstance(expr, ast.Attribute) or imports is None:
            return None
        qualified = imports.qualify(expr)
        held = refused_held(qualified)
        if held is None or qualified in self._rebound(anchor):
            return None
        return f"`{qualified}`, {with_article(held[0])}", held[1]

    def _rebound(self, node):
        """Module attributes the module may replace (`sys.stdout = Tee(sys.stdout)`, `setattr(sys, ...)`,
        `redirect_stdout(...)`): what they hold at run time is not what the catalog measured."""
        root = node
        while root in self.parents:
            root = self.parents[root]
        if not isinstance(root, ast.Module):
            return _EVERY_NAME  # a node of another module (a class judged with its own imports): unknown
        if getattr(self, "_rebound_in", (None,))[0] is not root:
            self._rebound_in = (root, _rebound_names(root, self.imports))
        return self._rebound_in[1]
