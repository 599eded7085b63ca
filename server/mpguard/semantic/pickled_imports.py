"""The Pickler's judging of objects from other project modules: what their functions return (judged in that module,
with its imports), instances of their classes made here, and what this module's calls fill them with."""
from __future__ import annotations

import ast
from dataclasses import replace

from mpguard.semantic import values as V
from mpguard.semantic.flow import dataclass_fields
from mpguard.semantic.foreign_methods import method_owner
from mpguard.semantic.index import nodes_in
from mpguard.semantic.library_rebuild import rebuild_problem
from mpguard.semantic.param_methods import methods_on_parameters
from mpguard.semantic.param_guards import called_returns
from mpguard.semantic.returned_items import passed_to as _passed
from mpguard.semantic.pickle_catalog import method_type, refused_method
from mpguard.semantic.refusing_state import REFUSES
from mpguard.semantic.held_across import METHOD, kept_parameters, stored_values
from mpguard.semantic.boundaries import configured_objects
from mpguard.semantic.pickle_problems import (lambda_error, FUNCS, CUSTOM_PICKLING, Elsewhere, Problem, origin_of,
                                             with_article, call_text)
from mpguard.semantic.kept_arguments import names_class
from mpguard.semantic.pickled_instances import self_stores
from mpguard.semantic.pickled_stores import top_bound_names, unpicklable_expr


UNSEEN = object()  # `_imported_data`: the object's class is not seen (what a function returns): method or data?


# Decorators that leave a def a method bound to its object when read from it (any other may make it a value)
BOUND_DECORATORS = frozenset({"abstractmethod", "override", "final"})


def _decorator_name(decorator) -> str:
    if type(decorator) is ast.Call:
        decorator = decorator.func
    return decorator.attr if type(decorator) is ast.Attribute else getattr(decorator, "id", "")


def returned_origin(summary, name: str, what: str) -> Elsewhere | None:
    """Where a fix would change the refused value `what` the function `name` of another project module returns,
    when it is the one its summary keeps the place of (the first refused return: `ModuleSummary.origins`)."""
    kept = getattr(summary, "results", {}).get(name) if summary is not None else None
    return _elsewhere(summary, name) if kept is not None and kept[0] == what else None


def _elsewhere(summary, key) -> Elsewhere | None:
    """Where a fix would change the refused value another project module's function returns (`key`: its name, or
    (name, key) for an item), in that module's file: the summary's `origins`."""
    handle = getattr(summary, "origins", {}).get(key) if summary is not None else None
    path = getattr(summary, "path", None)
    return Elsewhere(path, handle[1], handle[0]) if handle is not None and path else None


class ImportedObjectPickling:
    """What pickle meets in an object another project module made, returned or defined the class of."""

    def _results_summary(self, qualified: str):
        """(summary, name) of what another project module's function returns (`ModuleSummary.results`, `.keyed`,
        `.holds`), or (None, None)."""
        lookup = getattr(self.resolver, "results_summary", None) or getattr(self.resolver, "function_summary", None) \
            if self.resolver is not None else None
        return lookup(qualified) if lookup is not None else (None, None)

    def _imported_result(self, value: V.Returned, prefix: str = "") -> Problem | None:
        """What a function of another project module returns, judged in that module (a client whose
        class holds an RLock, an open connection, ...)."""
        summary, name = self._results_summary(value.qualified)
        found = self._refused_return(summary, name, value.node if isinstance(value.node, ast.Call) else None)
        if found is None:
            return None
        what, error = found
        # a generator of a function whose items can be listed: made here, a fix may list it where it is called
        listed = name in getattr(summary, "finite_generators", ()) and isinstance(value.node, ast.Call)
        return Problem("state", f"{prefix}what {value.qualified}() returns, {what}", error,
                       origin=value.node if listed else returned_origin(summary, name, what))

    @staticmethod
    def _refused_return(summary, name, call: ast.Call | None) -> tuple[str, str] | None:
        """(what, error) of a refused value the function `name` of `summary`'s module returns for `call` (all of
        its calls when its refused returns are reached whatever it is given), else None."""
        if summary is None or name not in summary.results:
            return None
        per_call = getattr(summary, "guards", {}).get((name, "results"))
        if per_call is None:
            return summary.results[name]
        reached = called_returns(summary, name, per_call, call)  # only for some arguments (`load(path, plain=True)`)
        return reached[0][:2] if reached else None

    def _foreign_made(self, value: ast.Call, imports) -> tuple[str, str] | None:
        """(what, error) of what a function of another project module returns, called in a method that stores it in
        `self` (`self.signer = rbac.load_signer(pem)`, the class being of a third module): judged in the function's
        module (`ModuleSummary.results`), as the walker judges such a call in this module."""
        qualify = getattr(imports or self.imports, "qualify", None)
        qualified = qualify(value.func) if qualify is not None else None
        if not qualified or "." not in qualified:
            return None
        summary, name = self._results_summary(qualified)
        found = self._refused_return(summary, name, value)
        return (f"what {qualified}() returns, {found[0]}", found[1]) if found is not None else None

    def _iterated_item(self, value: V.Element) -> Problem | None:
        """An item of what another project module's function returns, iterated (`pool.map(task, read_citations(
        data))`): judged there (`ModuleSummary.iterated`: a list of lxml elements it builds)."""
        if not isinstance(value.of.node, ast.Call):
            return None
        summary, name = self._results_summary(value.of.qualified)
        found = getattr(summary, "iterated", {}).get(name) if summary is not None else None
        if found is None:
            return None
        what, error = found
        return Problem("unpicklable", f"an item of what {value.of.qualified}() returns, {what}", error)

    def _returned_item(self, value: V.Element) -> Problem | None:
        """`cfg["transform"]` of the dict another project module's function returns: judged there
        (`ModuleSummary.keyed`, byexample #220's registry of plugins)."""
        summary, name = self._results_summary(value.of.qualified)
        key = getattr(value.key, "value", None)
        found = getattr(summary, "keyed", {}).get(name, {}).get(key) if summary is not None else None
        if found is None or not value.unpacked and self._changed_here(value.node):
            return None
        kind, what, error = found
        origin = _elsewhere(summary, (name, key))
        if value.unpacked:
            return Problem(kind, f"item {key} of the tuple {value.of.qualified}() returns, {what}", error, origin=origin)
        return Problem(kind, f"`[{key!r}]` of what {value.of.qualified}() returns, {what}", error, origin=origin)

    def _changed_here(self, key) -> bool:
        """`cfg[key]` where the function (or module) that reads it also stores into `cfg` or updates it: what the
        other module returned may no longer be what is read (unsure: not judged)."""
        subscript = self.parents.get(key)
        base = getattr(subscript, "value", None)
        if type(base) is not ast.Name:
            return True
        scope = subscript
        while scope is not None and not isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
            scope = self.parents.get(scope)
        for node in nodes_in(scope) if scope is not None else ():
            if isinstance(node, ast.Subscript) and type(node.ctx) is not ast.Load and type(node.value) is ast.Name \
                    and node.value.id == base.id:
                return True
            if type(node) is ast.Call and type(node.func) is ast.Attribute and type(node.func.value) is ast.Name \
                    and node.func.value.id == base.id and node.func.attr in ("update", "setdefault", "__setitem__"):
                return True
        return scope is None

    def _held_argument(self, value: V.Returned) -> Problem | None:
        """What a function of another project module returns holding what this call gave it
        (`build_config(user, client=make_client())` returning `{"store": {"client": client}}`): the argument
        is pickled with the result."""
        summary, name = self._results_summary(value.qualified)
        held = getattr(summary, "holds", {}).get(name) if summary is not None else None
        if not held or not isinstance(value.node, ast.Call):
            return None
        for param, position in held:
            given = _passed(value, param, position)
            if type(given) is V.BoundMethod and type(given.instance) is V.Returned:
                # `path=make_client().path`: a data attribute, or a method? judged only when known
                inner = self._imported_data(given)
                inner = None if inner is METHOD or inner is UNSEEN else inner
            else:
                inner = self.object_problem(given, pool_task=False) if given is not None else None
            if inner is not None and inner.kind in ("unpicklable", "state", "lambda", "local"):
                return Problem("state", f"what {value.qualified}() returns, which holds its argument `{param}`, "
                               f"{inner.what}", inner.error, inner.definition, inner.origin, inner.mode)
        return None

    def _derived_result(self, value: V.Returned) -> Problem | None:
        """What a function of another project module returns that is what a method of its argument gives
        (`db.query(conn, region)` returning `conn.execute(...)`): the catalog's method of the argument's class."""
        summary, name = self._results_summary(value.qualified)
        derived = getattr(summary, "derived", {}).get(name) if summary is not None else None
        if not derived or not isinstance(value.node, ast.Call):
            return None
        for param, position, method in derived:
            given = _passed(value, param, position)
            type_name = self._library_type(given)
            found = refused_method(type_name, method) if type_name else None
            if found is not None:
                return Problem("unpicklable", f"what {value.qualified}() returns, {with_article(found[0])}", found[1])
        return None

    def _method_result(self, value: V.Returned) -> Problem | None:
        """What a method gives, called on what another project module's function returns
        (`s3_resource().Object(bucket, key)`, boto3 #2311): the catalog's method of the returned object's type."""
        if value.receiver is None:
            return None
        type_name = self._library_type(value.receiver)
        found = refused_method(type_name, value.qualified.rpartition(".")[2]) if type_name else None
        if found is None:
            return None
        return Problem("unpicklable", f"what {call_text(value)} returns, {with_article(found[0])}", found[1])

    def _bound_result(self, value: V.Returned) -> Problem | None:
        """`file_structlog(name).bind(...)`: the bound logger made from the proxy another project module's function
        returns, judged there under that module's configuration (`ModuleSummary.bound`; structlog #301)."""
        receiver = value.receiver
        method = value.qualified.rpartition(".")[2]
        if type(receiver) is not V.Returned or receiver.receiver is not None \
                or not any(method in e.get("binds", ()) for e in configured_objects().values()):
            return None
        summary, name = self._results_summary(receiver.qualified)
        found = getattr(summary, "bound", {}).get(name) if summary is not None else None
        if found is None:
            return None
        return Problem("unpicklable", f"what {call_text(value)} returns, {found[0]}", found[1])

    def _library_type(self, value) -> str | None:
        """The catalog's type of an object: one made here, or what another project module's function returns."""
        if type(value) in (V.Param, V.CallResult, V.Element) and self.flow is not None:
            value = self.flow.resolve(value)
        if type(value) in (V.Library, V.Unpicklable):
            return value.type or None
        if type(value) is V.Returned and value.receiver is not None:  # `s3_resource().Object(...)`
            type_name = self._library_type(value.receiver)
            return method_type(type_name, value.qualified.rpartition(".")[2]) if type_name else None
        if type(value) is V.Returned:
            summary, name = self._results_summary(value.qualified)
            return getattr(summary, "types", {}).get(name) if summary is not None else None
        return None

    def _imported_data(self, value: V.BoundMethod):
        """A data attribute of an object of another project module's class: what its methods store there
        (semantic/held_across), judged; METHOD when it is (or may be) a method."""
        lookup = getattr(self.resolver, "class_definition", None) if self.resolver is not None else None
        found = lookup(value.instance.qualified) if lookup is not None else None
        if found is None:
            return UNSEEN
        cls, imports = found
        module = value.instance.qualified.rpartition(".")[0]

        def base_of(base):  # a base class of the same module (`class HDDMrl(HDDM)`)
            named = lookup(f"{module}.{base.id}") if isinstance(base, ast.Name) else None
            return named[0] if named is not None else None

        stored = stored_values(cls, value.name, base_of)
        if stored is METHOD:
            return METHOD
        where = f"`.{value.name}` of {cls.name} (from {module})"
        for expr in stored:
            if not isinstance(expr, ast.Call):
                continue
            bad = unpicklable_expr(expr, imports)
            if bad is not None:
                return Problem("state", f"{where}, which holds {bad[0]}", bad[1])
            names = [f"{module}.{expr.func.id}"] if isinstance(expr.func, ast.Name) else []
            qualified = imports.qualify(expr.func) if imports is not None else None
            names += [qualified] if qualified and "." in qualified else []
            inner = next((c for c in map(lookup, names) if c is not None), None)
            state = self.state_problem(inner[0], inner[1]) if inner is not None else None
            if state is not None:
                return Problem("state", f"{where}, which holds {inner[0].name} objects, whose {state[0]}", state[1])
        return None

    def _kept_argument(self, value: V.BoundMethod, judge) -> Problem | None:
        """`ode.simplify` of an object of another project module's class made here (`DEModel(spec, simplify=f)`),
        a property or field that gives back what the constructor was given (held_across.kept_parameters): that
        argument, judged by `judge` (as a callable or as an object)."""
        made = value.instance
        lookup = getattr(self.resolver, "class_definition", None) if self.resolver is not None else None
        found = lookup(made.qualified) if lookup is not None and made.receiver is None else None
        if found is None or not names_class(made.node, found[0].name):
            return None
        cls, module = found[0], made.qualified.rpartition(".")[0]
        for param, position in kept_parameters(cls, value.name):
            given = _passed(made, param, position)
            inner = judge(given) if given is not None else None
            if inner is not None and inner.kind in ("unpicklable", "state", "lambda", "local"):
                return replace(inner, what=f"{inner.what} (what `.{value.name}` of a {cls.name} from {module} "
                                           f"gives back: its argument `{param}`)")
        return None

    def _property_result(self, value: V.BoundMethod) -> Problem | None:
        """`creds.server` of an object of another project module's class whose `server` is a property (of the class
        or a project base it inherits it from): what the getter's body returns, judged in its module
        (`ModuleSummary.results` of "Class.name": a fresh `ssl.SSLContext(...)`, wool #60)."""
        owner = method_owner(self.resolver, value.instance.qualified, value.name) \
            if self.resolver is not None and value.instance.receiver is None else None
        if owner is None:
            return None
        summary, name = self._results_summary(f"{owner}.{value.name}")
        found = self._refused_return(summary, name, None)
        if found is None:
            return None
        what, error = found
        cls, module = owner.rpartition(".")[2], owner.rpartition(".")[0]
        return Problem("state", f"what `.{value.name}` of a {cls} (from {module}) gives, {what}", error,
                       origin=returned_origin(summary, name, what))

    def _not_bound(self, value: V.BoundMethod) -> bool:
        """Is `obj.<name>` of another project module's object no bound method, by its class's own body: a def
        under a decorator that makes it something else (`@property`, `@cached_property`, `@staticmethod`), or a
        class attribute? Sent as a value, such an attribute is what it gives, not the object (kombu's
        `Mailbox.oid`)."""
        lookup = getattr(self.resolver, "class_definition", None) if self.resolver is not None else None
        found = lookup(value.instance.qualified) if lookup is not None else None
        if found is None:
            return False
        for stmt in found[0].body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)) and stmt.name == value.name:
                return any(_decorator_name(d) not in BOUND_DECORATORS for d in stmt.decorator_list)
            if isinstance(stmt, ast.Assign) and any(type(t) is ast.Name and t.id == value.name for t in stmt.targets) \
                    or isinstance(stmt, ast.AnnAssign) and type(stmt.target) is ast.Name and stmt.target.id == value.name:
                return True
        owner = method_owner(self.resolver, value.instance.qualified, value.name)
        inherited = lookup(owner) if owner is not None and owner != value.instance.qualified else None
        if inherited is not None:  # a def of a project base class it inherits (`class Mutual(Creds)`)
            return any(_decorator_name(d) not in BOUND_DECORATORS for f in inherited[0].body
                       if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and f.name == value.name
                       for d in f.decorator_list)
        return False

    def _imported_instance(self, value: V.Returned, prefix: str) -> Problem | None:
        """An instance of a class from another project module: judged with that module's imports."""
        found = getattr(self.resolver, "class_definition", lambda q: None)(value.qualified) \
            if self.resolver is not None else None
        if found is None or value.qualified in self.registered:
            return None
        cls, imports = found
        module = value.qualified.rpartition('.')[0]
        lost = self._rebuild_loss(cls, imports)
        if lost is not None:
            return Problem("state", f"{prefix}{cls.name} (from {module}), {lost[0]}", lost[1], cls)
        self._foreign[id(cls)] = (cls, module)  # (its module's globals: a constructor default naming a lambda)
        refusal = self._refusal(cls)  # its own __reduce_ex__/__reduce__/__getstate__ only raises (a wrapt proxy)
        if refusal is not None:
            return Problem("state", f"{prefix}{cls.name} (from {module}), whose {refusal[0]}.{refusal[1]} {REFUSES}",
                           refusal[2], cls)
        # the call that made it, when it names the class: its constructor's defaults count for what it leaves out
        made_by = value.node if names_class(value.node, cls.name) else None
        state = self.state_problem(cls, imports, call=made_by) or self._field_default_problem(cls, imports,
                                                                                              len(value.args))
        if state is None and value.fields:
            state = self._set_field_problem(value, cls, imports)
        if state is None:
            return self._built_with(value, cls, prefix, module)
        return Problem("state", f"{prefix}{cls.name} (from {module}), whose {state[0]}", state[1], cls)

    def _set_field_problem(self, value: V.Returned, cls: ast.ClassDef, imports) -> tuple[str, str] | None:
        """(what, error) of an attribute this module set on the object (`p.client = client`, `config.native =
        queues`) that pickle refuses, when the object is pickled by its __dict__: no class of its lineage pickles
        its own way or decides where attributes go (`__setattr__`, `__slots__`, a property of that name), and
        none has a base pickle treats otherwise (a library base). While held_syncs asks, the Queues and Locks
        met in those attributes are collected too."""
        lineage = [c for c in (self.lineage(cls) if self.lineage is not None else [cls]) if isinstance(c, ast.ClassDef)]
        if any(isinstance(f, ast.FunctionDef) and f.name in (*CUSTOM_PICKLING, "__setattr__")
               for c in lineage for f in c.body) \
                or any(self._opaque_base(c, imports) for c in lineage) \
                or any(top_bound_names(s) & {"__slots__"} for c in lineage for s in c.body):
            return None
        properties = {f.name for c in lineage for f in c.body if isinstance(f, ast.FunctionDef) and f.decorator_list}
        for name, stored in value.fields.items():
            if name in properties:
                continue
            inner = self.object_problem(stored, pool_task=self._syncs is not None)
            if inner is not None and inner.kind != "sync":
                return f".{name} (set on it after it was made) is {inner.what}", inner.error
        return None

    def _called_on(self, value: V.Returned) -> list:
        """Names of the methods this module calls on the object (`net._build()`), in the order of the calls."""
        if getattr(self, "_calls_at", -1) != len(self.receivers):  # (grouped once: the table only grows)
            self._calls = {}
            for (_call, qualified), obj in self.receivers.items():
                self._calls.setdefault(id(obj), (obj, []))[1].append(qualified.rpartition(".")[2])
            self._calls_at = len(self.receivers)
        found = self._calls.get(id(value))
        called = found[1] if found is not None and found[0] is value else []
        return called + self._called_through(value)

    def _called_through(self, value) -> list:
        """Names of the methods the functions of other project modules this module calls with the object call on
        the parameter they get it as (`simulate_trial(net, 0)`, whose body runs `net._build()`)."""
        if getattr(self, "_through_at", -1) != len(self.project_calls):  # (grouped once: the list only grows)
            self._through = {}
            for _call, qualified, args, _kwargs, _where in self.project_calls:
                methods = self._parameter_methods(qualified) if args else {}
                for position, (_name, names) in methods.items():
                    given = args[position][1] if position < len(args) and type(args[position][0]) is not ast.Starred \
                        else None
                    for obj in self._passed_objects(given):
                        self._through.setdefault(id(obj), (obj, []))[1].extend(names)
            self._through_at = len(self.project_calls)
        found = self._through.get(id(value))
        return found[1] if found is not None and found[0] is value else []

    def _parameter_methods(self, qualified: str) -> dict:
        """`param_methods.methods_on_parameters` of another project module's function, read once per function."""
        key = ("parameter methods", qualified)
        if key not in self._memo:
            lookup = getattr(self.resolver, "definition", None) if self.resolver is not None else None
            definition = lookup(qualified) if lookup is not None else None
            self._memo[key] = (qualified, methods_on_parameters(definition) if definition is not None else {})
        return self._memo[key][1]

    def _passed_objects(self, given) -> list:
        """The objects of another module a call argument surely is: itself, or what the parameter it reads holds
        (through the callers, `flow`); each option of a union may be it, so none is taken from one."""
        if type(given) in (V.Param, V.CallResult, V.Element) and self.flow is not None:
            given = self.flow.resolve(given)
        return [given] if type(given) is V.Returned else []

    def _filled_by_calls(self, value: V.Returned) -> Problem | None:
        """An object of another project module's class whose method, called on it here, fills one of its attributes
        with what pickle refuses (hnn-core's `net._build()` putting NEURON sections in `self.cells[name]`): pickled
        with them from then on. Only a method this module calls counts (what the class may do is not what this
        object did), and only when no other method it calls binds that attribute again (`_clear_neuron_objects()`
        resetting `self.cells`: the order is not read, so unsure)."""
        called = self._called_on(value) if self.resolver is not None else []
        if not called:
            return None
        lookup = getattr(self.resolver, "class_definition", None)
        found = lookup(value.qualified) if lookup is not None else None
        if found is None:  # what a function returns: a new object of its module's class (`ModuleSummary.classes`)
            summary, name = self._results_summary(value.qualified)
            made = getattr(summary, "classes", {}).get(name) if summary is not None else None
            module = value.qualified.rpartition(".")[0]
            found = lookup(f"{module}.{made}") if made and lookup is not None else None
        if found is None:
            return None
        cls, imports = found
        if cls.bases or any(isinstance(f, FUNCS) and f.name in CUSTOM_PICKLING for f in cls.body):
            return None  # (a base of elsewhere may pickle its own way)
        module = value.qualified.rpartition(".")[0]
        self._foreign[id(cls)] = (cls, module)
        methods = {f.name: f for f in cls.body if isinstance(f, FUNCS)}
        for name in dict.fromkeys(called):
            method = methods.get(name)
            for attr, stored, _into in self_stores(method) if method is not None else ():
                bad = self._filled_problem(stored, imports, cls)
                if bad is None:
                    continue
                if any(a == attr and not into for other in dict.fromkeys(called) if other != name
                       for a, _v, into in self_stores(methods.get(other), True)):
                    continue  # another method it calls binds the attribute again: which one came last is not read
                return Problem("state", f"an instance of {cls.name} (from {module}), whose .{attr} its .{name}() "
                               f"(called here) fills with {bad[0]}", bad[1], cls)
        return None

    def _filled_problem(self, expr, imports, cls, depth: int = 0) -> tuple[str, str] | None:
        """(what, error) pickle refuses in a value a method stores: as `_stored_problem` judges it, or what a
        function of another project module returns (`nrn.h.Section(name)`), each item of a comprehension."""
        if isinstance(expr, (ast.ListComp, ast.SetComp)) and depth < 3:
            return self._filled_problem(expr.elt, imports, cls, depth + 1)
        if isinstance(expr, ast.DictComp) and depth < 3:
            return self._filled_problem(expr.value, imports, cls, depth + 1)
        bad = self._stored_problem(expr, imports, cls)
        if bad is None and isinstance(expr, ast.Call) and imports is not None:
            qualified = imports.qualify(expr.func)
            if qualified and "." in qualified:
                found = self._imported_result(V.Returned(expr, qualified=qualified))
                bad = (found.what, found.error) if found is not None else None
        return bad

    def _rebuild_loss(self, cls: ast.ClassDef, imports) -> tuple[str, str] | None:
        """(what, error) when a library base's pickling drops an attribute its __setstate__'s call of the class's
        override reads (semantic/library_rebuild.py: toolbelt's SSLAdapter on requests' HTTPAdapter)."""
        imports = imports or self.imports
        if imports is None:
            return None
        lineage = [c for c in (self.lineage(cls) if self.lineage is not None else [cls]) if isinstance(c, ast.ClassDef)]
        classes = [*lineage, *(c for c, _i in self._project_bases(cls, imports) if c not in lineage)]
        found = rebuild_problem(classes, imports.qualify)
        if found is None:
            return None
        attr, base, called = found
        short = base.rpartition(".")[2]
        return (f"whose .{attr} is dropped by {short}'s pickling (not in __attrs__) and read by its {called}(), "
                f"which {short}.__setstate__ calls to rebuild it", f"AttributeError: '{cls.name}' object has no "
                f"attribute '{attr}'")

    def _left_field_problem(self, cls: ast.ClassDef, imports, call) -> tuple[str, str] | None:
        """`_field_default_problem` for the fields a plain call of the dataclass `cls` gives neither by position
        nor by keyword; nothing for a call that unpacks (`*args`, `**kwargs`: any field may be given)."""
        if not isinstance(call, ast.Call) or any(type(a) is ast.Starred for a in call.args) \
                or any(k.arg is None for k in call.keywords):
            return None
        return self._field_default_problem(cls, imports, len(call.args), frozenset(k.arg for k in call.keywords))

    def _field_default_problem(self, cls: ast.ClassDef, imports, given: int,
                               named: frozenset = frozenset()) -> tuple[str, str] | None:
        """A dataclass field the call leaves to its default, whose default pickle refuses: `lock: Lock =
        field(default_factory=threading.Lock)` (each object gets its own lock) or `= threading.Lock()`. Fields
        the call gives (the first `given` ones by position, the `named` ones by keyword) are not judged."""
        names = dataclass_fields(cls)
        if names is None or any(isinstance(f, ast.FunctionDef) and f.name in CUSTOM_PICKLING for f in cls.body):
            return None
        for stmt in cls.body:
            if not (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None
                    and stmt.target.id in names and names.index(stmt.target.id) >= given
                    and stmt.target.id not in named):
                continue
            made = stmt.value
            if isinstance(made, ast.Call) and getattr(made.func, "id", getattr(made.func, "attr", "")) == "field":
                factory = next((k.value for k in made.keywords if k.arg == "default_factory"), None)
                made = ast.Call(func=factory, args=[], keywords=[]) if factory is not None else None
            bad = unpicklable_expr(made, imports or self.imports) if made is not None else None
            if isinstance(made, ast.Lambda):  # each instance holds the class body's lambda: pickle looks it up by
                module = self._foreign.get(id(cls), (None, "__main__"))[1]  # its qualname, which no module attribute has
                bad = "a lambda", lambda_error(module, f"{cls.name}.<lambda>")
            if bad is not None:
                return f"field `{stmt.target.id}` is {bad[0]}", bad[1]
        return None

    def _built_with(self, value: V.Returned, cls: ast.ClassDef, prefix: str, module: str) -> Problem | None:
        """An object of another module's class that keeps what it is given (a dataclass, an __init__ that
        stores its parameters), built here with something pickle refuses: `Step("strip", lambda s: ...)`."""
        if not value.args or any(isinstance(f, ast.FunctionDef) and f.name in CUSTOM_PICKLING for f in cls.body):
            return None
        if dataclass_fields(cls) is None and not self._keeps_arguments(cls):
            return None
        for arg in value.args:
            # (held_syncs: the Queues and Locks it keeps are met too, which only a pool task refuses)
            inner = self.object_problem(arg, pool_task=self._syncs is not None)
            if inner is not None and inner.kind in ("unpicklable", "state", "lambda", "local"):
                return Problem("state", f"{prefix}{cls.name} (from {module}), built with {inner.what}", inner.error, cls,
                               origin_of(inner))  # (the lambda given, where a fix can name it)
        return None
