"""Will pickle accept this value? The answer names the problem and the error the user sees."""
from __future__ import annotations

import ast
from contextlib import contextmanager
from dataclasses import replace

from mpguard.semantic import errors
from mpguard.semantic import values as V
from mpguard.semantic.calls import UNPICKLABLE
from mpguard.semantic.flow import dataclass_fields
from mpguard.semantic.index import nodes_in
from mpguard.semantic.library_rebuild import rebuild_problem
from mpguard.semantic.param_methods import methods_on_parameters
from mpguard.semantic.names import is_main_guard
from mpguard.semantic.param_guards import called_returns
from mpguard.semantic.returned_items import passed_to as _passed
from mpguard.semantic.returns import as_decorator
from mpguard.semantic.unset_attributes import module_bindings, unset_at
from mpguard.semantic.runtime_modules import NOT_FOUND, RUNTIME_MEMBER, member_what
from mpguard.semantic.pickle_catalog import (file_type, method_type, refused, refused_held, refused_method,
                                             refused_type_error)
from mpguard.semantic.refusing_state import REFUSES
from mpguard.semantic.made_classes import SELF_REFERENCE
from mpguard.semantic.module_setattr import own_replacements, replacements
from mpguard.semantic.held_across import METHOD, kept_parameters, stored_values
from mpguard.semantic.boundaries import configured_objects
from mpguard.semantic.configured_objects import BOUND
from mpguard.semantic.pickle_problems import (local_error, wrapper_qualname, lambda_error, FUNCS, CUSTOM_PICKLING,
                                              Problem, with_article, qualname, replaced_error, _call_text)
from mpguard.semantic.kept_arguments import _names_class
from mpguard.semantic.pickled_instances import _self_stores, InstancePickling
from mpguard.semantic.pickled_stores import _top_bound_names, unpicklable_expr, StorePickling

UNSEEN = object()  # `_imported_data`: the object's class is not seen (what a function returns): method or data?

BUDGET = 50_000  # values judged per module at most (each once); beyond it, say nothing
MAX_DEPTH = 60  # values judged inside one another at most (each level is several frames of recursion)


class Pickler(InstancePickling, StorePickling):
    """Judges values against pickle's rules, with the module's parents map for qualnames."""

    def __init__(self, parents: dict, imports=None, resolver=None, unimported_main: str | None = None, flow=None,
                 attributes: dict | None = None, lineage=None, configured: dict | None = None,
                 registered: frozenset = frozenset(), receivers: dict | None = None, project_calls: list | None = None):
        self.parents = parents
        # (id(call), qualified) -> the object another project module made that the call is a method call on
        self.receivers = receivers if receivers is not None else {}
        # (call, qualified, args, kwargs, where) of each call of another project module's function
        self.project_calls = project_calls if project_calls is not None else []
        # qualified names of the classes this module registers a pickling function for with copyreg
        # (semantic/reducers.py): pickle consults that before the class's own state
        self.registered = registered
        # qualified singleton -> configured_objects.Configured: what this module's configuration calls gave it
        self.configured = configured or {}
        self.imports = imports
        self.resolver = resolver
        self.unimported_main = unimported_main  # "the notebook", "`__main__.py`": children cannot find its names
        self.unimported_error = "notebook_attr"  # what a child says of such a name (errors table key)
        self.flow = flow  # resolves a function's parameters through its call sites
        self.attributes = attributes  # class -> [(name, value)] its methods store in `self`
        self.lineage = lineage  # class -> itself and its base classes of this module
        self._states: dict = {}
        self._foreign: dict = {}  # id(class of another project module) -> (the class, its module's name)
        self._open: set = set()  # containers being judged (a list that holds itself is judged once)
        self._memo: dict = {}  # (id(value), question) -> (value, answer)
        self._steps = 0
        self._depth = 0
        self._moment = None  # (an __init__, the attributes its `self` lacks yet): callable_problem_at
        self._syncs: list | None = None  # held_syncs: the Queues and Locks met, while it asks

    def held_syncs(self, value) -> list:
        """The multiprocessing Queue, Lock or Value objects (V.MPObject) pickle meets in `value` before anything
        else stops it: what a spawned child is handed with it (a SemLock tied to the context it was made in).
        Judged apart, so that every value on the way is walked again."""
        found: list = []
        with self.apart():
            self._syncs = found
            try:
                self.object_problem(value, pool_task=True)
            finally:
                self._syncs = None
        return found

    def callable_problem_at(self, value, moment: ast.AST) -> Problem | None:
        """`callable_problem` for a value pickled while `moment` runs (a multiprocessing.Pool pickles its
        initializer for each spawned worker inside `Pool(...)`): when that is a statement of an `__init__`, its `self`
        holds only what was stored before (semantic/unset_attributes.py)."""
        unset = self._unset_at(moment)
        if unset is None:
            return self.callable_problem(value)
        with self.apart():
            self._moment = unset
            try:
                return self.callable_problem(value)
            finally:
                self._moment = None

    def _unset_at(self, moment: ast.AST):
        func = self.parents.get(moment)
        while func is not None and not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            func = self.parents.get(func)
        cls = self.parents.get(func)
        if type(func) is not ast.FunctionDef or func.name != "__init__" or type(cls) is not ast.ClassDef:
            return None
        module = cls
        while module in self.parents:
            module = self.parents[module]
        key = ("bindings", id(module))
        if key not in self._memo:
            self._memo[key] = (module, module_bindings(module))
        lineage = self.lineage(cls) if self.lineage is not None else [cls]
        unset = unset_at(func, moment, lineage, self._memo[key][1])
        return (func, unset) if unset else None

    def _lacks(self, instance: V.Instance) -> frozenset:
        """The attributes `instance` surely lacks: an `if` of __init__ false for its call, or (its `self` in the
        __init__ running the hand-over being judged) stored only later."""
        absent = self._absent(instance)
        if self._moment is not None and instance.node is self._moment[0]:
            absent = absent | self._moment[1]
        return absent

    def callable_problem(self, value) -> Problem | None:
        kind = type(value)
        if value is None:
            return None
        if kind is V.Callable:  # the commonest task: judged at once, nothing below it to walk
            return self._callable(value)
        return self._remembered(value, "callable", self._callable_problem)

    def object_problem(self, value, pool_task: bool) -> Problem | None:
        kind = type(value)
        if value is None or kind is V.Constant:
            return None  # the commonest arguments
        if kind not in _COMPOSITE:
            return self._object_problem(value, pool_task)
        return self._remembered(value, pool_task, lambda v: self._object_problem(v, pool_task))

    @contextmanager
    def apart(self):
        """Judge with answers kept apart from the others: while the flow resolves under an assumption
        (flow.Flow.assuming_omitted), the same values may be judged otherwise."""
        kept, self._memo = self._memo, {}
        try:
            yield self
        finally:
            self._memo = kept

    def _remembered(self, value, key, judge) -> Problem | None:
        """Each value is judged once per question: values are shared (a union of instances whose
        attributes hold unions of instances ...), and judging them again is exponential. A value
        reached again while it is being judged (a cycle), or past the budget, counts as fine."""
        if value is None:
            return None
        memo_key = (id(value), key)
        if memo_key in self._memo:
            return self._memo[memo_key][1]
        self._steps += 1
        if self._steps > BUDGET:
            return None
        if self._depth >= MAX_DEPTH:
            return None  # values nested this deep (nltk's unions of unions): unknown, rather than a crash
        self._memo[memo_key] = (value, None)  # keeps `value` alive, so its id stays its own
        self._depth += 1
        try:
            found = judge(value)
        finally:
            self._depth -= 1
        self._memo[memo_key] = (value, found)
        return found

    def _callable_problem(self, value) -> Problem | None:
        kind = type(value)
        if kind is V.Element and type(value.of) is V.Returned and value.key is not None:
            return self._returned_item(value)
        if kind is V.Param or kind is V.CallResult or kind is V.Element:
            return self.callable_problem(self.flow.resolve(value)) if self.flow is not None else None
        if kind is V.Union:
            return self._any(value, self.callable_problem)
        if isinstance(value, V.Callable):
            return self._callable(value)
        if isinstance(value, V.Partial) and value.made_by:
            inner = self.callable_problem(value.func)
            return None if inner is None else Problem(inner.kind, f"a {value.made_by} object over {inner.what}",
                                                      inner.error, inner.definition)
        if isinstance(value, V.Partial):
            found = self.callable_problem(value.func)
            if found is not None:
                return found
            held = self._first(value.args, pool_task=False)
            if held is None or held.kind not in ("unpicklable", "state", "sync"):
                return held
            # `partial(work, lock=threading.Lock())`: pickled with its arguments, so the task is refused for them
            name = getattr(value.func, "name", None) or "a function"
            return Problem("sync" if held.kind == "sync" else "state", f"functools.partial of {name}() holding "
                           f"{held.what}", held.error, held.definition, held.origin, held.mode)
        if isinstance(value, V.BoundMethod) and isinstance(value.instance, V.Instance):
            return self._instance(value.instance, f"bound method .{value.name} of ")
        if isinstance(value, V.Instance):
            return self._instance(value, "callable instance of ")
        if isinstance(value, V.BoundMethod) and isinstance(value.instance, V.Returned):
            kept = self._kept_argument(value, self.callable_problem)  # `ode.simplify`, a property: what it gives
            if kept is not None:
                return kept
            # an object of another module's class (`Store(path).fetch`), or whatever one of its functions
            # returns (`open_store().fetch`): the bound method pickles the whole object
            return self._imported_instance(value.instance, f"bound method .{value.name} of ") \
                or self._imported_result(value.instance, f"bound method .{value.name} of ")
        if isinstance(value, V.Returned) and self.resolver is not None:
            made = self._imported_instance(value, "callable instance of ")  # `Proxy(f)` of a class of elsewhere
            if made is not None:
                return made
            summary = self.resolver.returns(value.qualified)
            if summary is not None and summary.kind == "closure":
                module, _, factory = value.qualified.rpartition(".")
                return Problem("local", f"the closure '{summary.local_name}' returned by {value.qualified}()",
                               local_error(f"{factory}.<locals>.{summary.local_name}"))
            return None
        if isinstance(value, V.ModuleRef) and self.resolver is not None:
            replaced = self._replaced_global(value)
            if replaced is not None:
                return replaced
            kind = self.resolver.definition_kind(value.qualified)
            module, _, name = value.qualified.rpartition(".")
            if kind == "lambda":
                return Problem("lambda", f"'{name}', a lambda in {module}", lambda_error(module))
            if kind == "closure":
                return Problem("local", f"'{name}' from {module}, replaced by a decorator's nested wrapper",
                               local_error("...<locals>.wrapper"))
        return None

    def _replaced_global(self, value: V.ModuleRef) -> Problem | None:
        """`geometry.area` after this module called another project module's function that replaced it with an
        object of a class (semantic/module_setattr: `instrument(geometry, ["area"])` doing `setattr(module, name,
        FunctionWrapper(...))`): pickled as that object. Not when the read comes first in the function making
        the call (it still reads the function the module defines)."""
        if "replaced globals" not in self._memo:
            self._memo["replaced globals"] = (None, replacements(self.project_calls, self.resolver))
        found = self._memo["replaced globals"][1].get(value.qualified)
        tree = self._module_of(value.node) if found is None and value.node is not None else None
        if tree is not None:  # written by this module's own code: `setattr(geometry, "area", Proxy(...))`
            key = ("own replaced globals", id(tree))
            if key not in self._memo:
                self._memo[key] = (tree, own_replacements(tree, self.imports, self.resolver))
            own = self._memo[key][1].get(value.qualified)
            found = (own[0], own[1], "this module") if own is not None else None
        if found is None:
            return None
        made, call, function = found
        if value.node is not None and self._function_of(value.node) is self._function_of(call) \
                and (value.node.lineno, value.node.col_offset) < (call.lineno, call.col_offset):
            return None
        if "." in made:
            inner = self._imported_instance(V.Returned(call, made), "an instance of ")
        else:  # a class of this module whose own pickling method only raises
            cls = next((c for c in tree.body if type(c) is ast.ClassDef and c.name == made), None)
            refusal = self._refusal(cls) if cls is not None else None
            inner = Problem("state", f"an instance of {made}, whose {refusal[0]}.{refusal[1]} {REFUSES}", refusal[2],
                            cls) if refusal is not None else None
        if inner is None:
            return None
        module, _, name = value.qualified.rpartition(".")
        who = f"{function}()" if function != "this module" else "this module"
        return Problem(inner.kind, f"`{module.rpartition('.')[2]}.{name}`, which {who} (line {call.lineno}) "
                       f"replaces at run time with {inner.what}", inner.error, inner.definition)

    def _module_of(self, node):
        """The ast.Module `node` belongs to (None when its parents are not known)."""
        while node in self.parents:
            node = self.parents[node]
        return node if isinstance(node, ast.Module) else None

    def _function_of(self, node):
        """The def or lambda around `node` (None at module level)."""
        node = self.parents.get(node)
        while node is not None and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            node = self.parents.get(node)
        return node

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
                       origin=value.node if listed else None)

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

    def _returned_item(self, value: V.Element) -> Problem | None:
        """`cfg["transform"]` of the dict another project module's function returns: judged there
        (`ModuleSummary.keyed`, byexample #220's registry of plugins)."""
        summary, name = self._results_summary(value.of.qualified)
        key = getattr(value.key, "value", None)
        found = getattr(summary, "keyed", {}).get(name, {}).get(key) if summary is not None else None
        if found is None or not value.unpacked and self._changed_here(value.node):
            return None
        kind, what, error = found
        if value.unpacked:
            return Problem(kind, f"item {key} of the tuple {value.of.qualified}() returns, {what}", error)
        return Problem(kind, f"`[{key!r}]` of what {value.of.qualified}() returns, {what}", error)

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

    @staticmethod
    def _process_object(value: V.MPObject, pool_task: bool) -> Problem | None:
        """A multiprocessing Process object itself: a pool's task (pickled outside a spawn) refuses its authkey; held by
        what a spawned child is given (`target=self.task` while `self.processes` keeps the workers made in a loop,
        lczero-training #75), one started already refuses the weakref its Popen's finalizer keeps. A single process
        pickled during its own start has no Popen yet: not judged."""
        if pool_task:
            return Problem("unpicklable", "a multiprocessing Process object", errors.text("process_object"))
        where = getattr(value.creation, "where", None)
        if value.start_seen and value.kept_by_self and where is not None and where.loop:
            found = refused("weakref.ref")
            if found is not None:
                return Problem("unpicklable", "a started multiprocessing Process (one of those made in a loop: its "
                               "Popen keeps a weakref)", found[1], at=value.node)
        return None

    def _started_in_items(self, value: V.Sequence, pool_task: bool) -> Problem | None:
        """A container that a loop fills with objects each holding the Process it starts (`self.handlers.append(h)`
        after `h.process.start()`, the Process made in the object's own method): pickled while a later child is
        spawned, it holds the earlier objects, whose processes are started and refuse the weakref their Popen's
        finalizer keeps (southwest-check-in #119). Only the container's items say it: the object the child is
        handed itself holds its own process, not started yet while it is being spawned."""
        if pool_task or self.attributes is None:
            return None  # (a pool task refuses any Process object: _process_object)
        for item in value.items:
            if type(item) is not V.Instance or not item.kept_in_loop or item.cls is None \
                    or not isinstance(item.cls.definition, ast.ClassDef):
                continue
            cls = item.cls.definition
            if any(isinstance(f, ast.FunctionDef) and f.name in CUSTOM_PICKLING for f in cls.body):
                continue  # the class decides what is pickled
            lineage = self.lineage(cls) if self.lineage is not None else [cls]
            for name, held in (pair for c in lineage for pair in self.attributes.get(c, ())):
                if type(held) is V.MPObject and held.kind == "Process" and held.start_seen \
                        and held.boundary is None and held.subclass is None:
                    found = refused("weakref.ref")
                    if found is not None:
                        return Problem("unpicklable", f"the {cls.name} objects a loop keeps, whose .{name} is a started "
                                       "multiprocessing Process (the earlier ones': its Popen keeps a weakref)",
                                       found[1], at=held.node)
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
        return Problem("unpicklable", f"what {_call_text(value)} returns, {with_article(found[0])}", found[1])

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
        return Problem("unpicklable", f"what {_call_text(value)} returns, {found[0]}", found[1])

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
        stored = stored_values(cls, value.name)
        if stored is METHOD:
            return METHOD
        module = value.instance.qualified.rpartition(".")[0]
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
        if found is None or not _names_class(made.node, found[0].name):
            return None
        cls, module = found[0], made.qualified.rpartition(".")[0]
        for param, position in kept_parameters(cls, value.name):
            given = _passed(made, param, position)
            inner = judge(given) if given is not None else None
            if inner is not None and inner.kind in ("unpicklable", "state", "lambda", "local"):
                return replace(inner, what=f"{inner.what} (what `.{value.name}` of a {cls.name} from {module} "
                                           f"gives back: its argument `{param}`)")
        return None

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
        made_by = value.node if _names_class(value.node, cls.name) else None
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
                or any(_top_bound_names(s) & {"__slots__"} for c in lineage for s in c.body):
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
            for attr, stored, _into in _self_stores(method) if method is not None else ():
                bad = self._filled_problem(stored, imports, cls)
                if bad is None:
                    continue
                if any(a == attr and not into for other in dict.fromkeys(called) if other != name
                       for a, _v, into in _self_stores(methods.get(other), True)):
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

    def _field_default_problem(self, cls: ast.ClassDef, imports, given: int) -> tuple[str, str] | None:
        """A dataclass field the call leaves to its default, whose default pickle refuses: `lock: Lock =
        field(default_factory=threading.Lock)` (each object gets its own lock) or `= threading.Lock()`. Fields
        the call may give (the first `given` ones, by position or keyword) are not judged."""
        names = dataclass_fields(cls)
        if names is None or any(isinstance(f, ast.FunctionDef) and f.name in CUSTOM_PICKLING for f in cls.body):
            return None
        for stmt in cls.body:
            if not (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None
                    and stmt.target.id in names and names.index(stmt.target.id) >= given):
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
                return Problem("state", f"{prefix}{cls.name} (from {module}), built with {inner.what}", inner.error, cls)
        return None

    def _callable(self, value: V.Callable) -> Problem | None:
        definition = value.definition
        if value.decorators and self.resolver is not None and value.kind in ("module", "method"):
            for qualified, shown, call in value.decorators:
                decoration = getattr(self.resolver, "decoration", None)  # (jedi alone: what a bare one returns)
                summary = decoration(qualified, call) if decoration is not None \
                    else as_decorator(self.resolver.returns(qualified)) if call is None else None
                if summary is not None and summary.kind == "closure":
                    value = V.Callable(value.node, "closure", value.name, definition,
                                       f"decorated by {shown}, which returns its nested {summary.local_name} "
                                       "without functools.wraps")
                    break
                if summary is not None and summary.kind == "holder" and value.kind == "module":
                    value = V.Callable(value.node, "closure", value.name, definition,
                                       f"replaced by a {summary.local_name} object that keeps it (`@{shown}`)")
                    break
        if value.kind == RUNTIME_MEMBER:  # found by its module's name, which only the parent's sys.modules has
            return Problem(RUNTIME_MEMBER, member_what(value), NOT_FOUND)
        if value.kind == "lambda":
            name = qualname(definition, self.parents, "<lambda>")
            error = local_error(name) if "<locals>" in name else lambda_error(qualname_=name)
            return Problem("lambda", "a lambda", error, definition)
        if value.kind == "local_class" and isinstance(definition, ast.Call):
            # namedtuple("P", ...) / make_dataclass("P", ...) in a function: the class is named plain "P",
            # so pickle looks for __main__.P (not a local object) and does not find it
            maker = definition.func.attr if isinstance(definition.func, ast.Attribute) \
                else getattr(definition.func, "id", "namedtuple")
            key = "made_dataclass_class" if maker == "make_dataclass" else "unfindable_class"  # (3.11: types.P)
            refers = f", {SELF_REFERENCE}" if value.detail == SELF_REFERENCE else ""  # (dill refuses it too)
            return Problem("local", f"class '{value.name}' made by {maker}() inside a function{refers}",
                           errors.text(key, module="__main__", qualname=value.name), definition)
        if value.kind == "nested" and _returned_wrapper(definition, self.parents):
            return None  # `@functools.wraps(fn)` and returned by the decorator: pickled as the module's decorated name
        if value.kind in ("nested", "local_class"):
            name = getattr(definition, "name", value.name)
            # `namedtuple(...)` / `NamedTuple(...)` / `Enum(...)` in a function make a local class too
            label = "local class" if isinstance(definition, (ast.ClassDef, ast.Call)) else "nested function"
            return Problem("local", f"{label} '{name}'",
                           local_error(qualname(definition, self.parents, name), definition), definition)
        if value.kind == "closure":
            if isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)) and value.detail.startswith("replaced"):
                return Problem("local", f"'{definition.name}', {value.detail}", replaced_error(definition.name),
                               definition)
            if isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)) and value.detail.startswith("decorated"):
                label = f"'{definition.name}', {value.detail}"
                error = local_error(wrapper_qualname(value.detail))
            else:
                label = f"the closure {value.detail}"
                factory = qualname(definition, self.parents, definition.name) \
                    if isinstance(definition, (ast.FunctionDef, ast.AsyncFunctionDef)) else "factory"
                error = local_error(f"{factory}.<locals>.{value.name}")
            return Problem("local", label, error, definition)
        if self.unimported_main and value.kind in ("module", "guard"):
            name = value.name.split(".")[0]
            what = "class" if isinstance(definition, ast.ClassDef) else "function"
            return Problem("unimported-main", f"{what} '{name}' defined in {self.unimported_main}",
                           errors.text(self.unimported_error, name=name), definition)
        if value.kind == "guard":
            name = value.name.split(".")[0]
            if self._bound_at_import(definition, name):
                return None  # the re-imported __mp_main__ has a `name` of its own: pickle finds it by name
            what = "class" if isinstance(definition, ast.ClassDef) else "function"
            return Problem("guard", f"{what} '{name}' defined under `if __name__ == \"__main__\":`",
                           errors.text("main_attr_mp_main", name=name), definition)
        return None

    def _bound_at_import(self, definition, name: str) -> bool:
        """Does the module also bind `name` outside its main guard (`def load(...)` at the top and
        another `def load(...)` under the guard)? A child that re-imports the module then finds it."""
        module = definition
        while module is not None and not isinstance(module, ast.Module):
            module = self.parents.get(module)
        if module is None:
            return False
        key = (id(module), "bound at import")
        if key not in self._memo:
            self._memo[key] = (module, _import_time_names(module.body))
        return name in self._memo[key][1]

    def _object_problem(self, value, pool_task: bool) -> Problem | None:
        kind = type(value)  # the value classes have no subclasses
        if kind is V.Unpicklable:  # a generator names where it is made (a fix makes it a list there)
            # ("generator object (except on Python 3.13)": what the catalog says `Path.iterdir()` makes)
            made_here = value.what in ("generator", "lambda default") or value.what.startswith("generator object")
            return Problem("unpicklable", with_article(value.what), value.error,
                           origin=value.node if made_here else None, mode=value.mode, at=value.node)
        if kind is V.Sequence:
            if id(value) in self._open:
                return None
            self._open.add(id(value))
            try:
                return self._started_in_items(value, pool_task) or self._first([*value.items, *value.held], pool_task)
            finally:
                self._open.discard(id(value))
        if kind is V.Element and type(value.of) is V.Returned and value.key is not None:
            return self._returned_item(value)
        if kind is V.Element and type(value.of) is V.BoundMethod and type(value.of.instance) is V.Returned:
            data = self._imported_data(value.of)  # `pool.map(f, dataset.segments)`: each item is pickled
            return None if data is METHOD or data is UNSEEN else data
        if kind is V.Param or kind is V.CallResult or kind is V.Element:
            return self.object_problem(self.flow.resolve(value), pool_task) if self.flow is not None else None
        if kind is V.Union:
            return self._any(value, lambda option: self.object_problem(option, pool_task))
        if kind is V.Instance:
            return self._instance(value, "an instance of ") or (self.held_sync(value, "an instance of ")
                                                                if pool_task else None)
        if kind is V.BoundMethod and type(value.instance) is V.Returned:
            data = self._imported_data(value)  # `args=(dataset.segments,)`: a data attribute, not a method
            if data is UNSEEN:
                # `client.url` of what another module's function returns, whose class is not seen: data or a
                # method? unsure, so not judged here (a task or target still is: callable_problem)
                return None
            if data is not METHOD:
                return data or self._kept_argument(value, lambda given: self.object_problem(given, pool_task))
            if self._not_bound(value):  # `GLOBAL_PIDBOX.oid`, a @property of another module's class: what it gives
                return self._kept_argument(value, lambda given: self.object_problem(given, pool_task))
        if kind is V.Returned:
            problem = self._imported_instance(value, "an instance of ") or self.callable_problem(value) \
                or self._imported_result(value) or self._held_argument(value) or self._derived_result(value) \
                or self._method_result(value) or self._bound_result(value) \
                or (self._first(value.added, pool_task) if value.added else None) \
                or self._filled_by_calls(value)
            if problem is not None:
                return problem
        if kind is V.Library and value.type == BOUND and value.qualified in self.configured:
            found = self._configured_logger(value, self.configured[value.qualified], pool_task)
            if found is not None:  # `structlog.get_logger().bind()` after `structlog.configure(...)`
                return found
        if kind is V.Library and value.stored:  # `session.hooks["response"].append(lambda r: r)`
            for attribute, stored in value.stored.items():  # its __getstate__ pickles what the program stored
                problem = self._first(stored, pool_task)
                if problem is not None:
                    return replace(problem, what=f"{problem.what} in the `.{attribute}` of a `{value.qualified}()`")
        if kind is V.MPObject and value.kind in ("Pool", "Executor"):
            # A pool refuses always; a Process or Manager object pickles while a child is being spawned
            # (its authentication key may then be sent), so only a pool or executor is judged here.
            what, error = UNPICKLABLE[value.kind]
            return Problem("unpicklable", with_article(what), error)
        if kind is V.MPObject and value.kind == "LibPool" and value.boundary is not None:
            # a library's pool or cluster client (dask.distributed's Client): refused as the catalog measured it
            found = refused(getattr(value.boundary, "qualified", None))
            if found is not None:
                return Problem("unpicklable", with_article(found[0]), found[1])
        if kind is V.MPObject and value.kind == "Process" and value.boundary is None and value.subclass is None:
            found = self._process_object(value, pool_task)
            if found is not None:
                return found
        if kind is V.MPObject and value.kind == "Thread":
            # a Thread holds locks (its `_started` Event, its tstate lock) from the moment it is made: refused
            # whether started or not, also while a child is being spawned (the catalog asked each Python)
            found = refused("threading.Thread")
            if found is not None:
                return Problem("unpicklable", with_article(found[0]), found[1])
        if kind is V.MPObject and pool_task and value.kind in ("Queue", "SimpleQueue", "Lock", "Value"):
            if self._syncs is not None:
                self._syncs.append(value)
            # the type Python names (semantic/inheritance.py: an Event says "Condition"); else the wrapper's
            label = value.named_type or {"Value": "Synchronized"}.get(value.kind, value.kind)
            return Problem("sync", f"a multiprocessing {value.factory or value.kind}",
                           errors.text("inheritance", kind=label))
        if kind is V.ModuleRef and value.qualified in self.configured:  # loguru's `logger` after `logger.add(...)`
            found = self._configured(value, self.configured[value.qualified], pool_task)
            if found is not None:
                return found
        if kind is V.ModuleRef:
            held = refused_held(value.qualified)
            if held is not None and value.qualified not in self._rebound(value.node):
                return Problem("unpicklable", f"`{value.qualified}`, {with_article(held[0])}", held[1])
        if kind in _CALLABLE_VALUES:
            found = self.callable_problem(value)
            # a member of a module built at run time is judged only as a task (rules/runtime_modules.py)
            return None if found is not None and found.kind == RUNTIME_MEMBER else found
        return None

    def _configured(self, value: V.ModuleRef, state, pool_task: bool) -> Problem | None:
        """A library singleton judged by the handlers this module's configuration calls gave it
        (semantic/configured_objects.py): the first that makes it refused."""
        if state.unsure:
            return None
        entry = configured_objects().get(value.qualified, {})
        for handler in state.handlers:
            line = handler.call.lineno
            if handler.queued:
                if pool_task:
                    return Problem("sync", f"`{value.qualified}`, whose handler added with `{entry.get('queue')}=True` "
                                   f"(line {line}) holds a multiprocessing SimpleQueue",
                                   errors.text("inheritance", kind="SimpleQueue"))
                continue  # its sink stays in this process; the queue crosses while a child is spawned
            if handler.path:
                mode = entry.get("path_mode", "a")
                return Problem("unpicklable", f"`{value.qualified}`, whose handler added at line {line} writes to a "
                               f"file it opened (mode {mode!r})", refused_type_error(file_type(mode)) or "", mode=mode)
            found = self.object_problem(handler.value, pool_task) if handler.value is not None else None
            if found is not None:
                return Problem(found.kind, f"`{value.qualified}`, whose handler added at line {line} holds "
                               f"{found.what}", found.error, found.definition, mode=found.mode)
        return None

    def _configured_logger(self, value: V.Library, state, pool_task: bool) -> Problem | None:
        """A bound logger pickles the processors and the factory's logger the module's `configure(...)` set: the
        first of them the catalog's `refusing` constructors make (with their deciding keyword) or that is refused
        itself (a lambda processor)."""
        if state.unsure:
            return None
        entry = configured_objects().get(value.qualified, {})
        library = entry.get("library")
        for name, expr, given in state.settings:
            for item in expr.elts if type(expr) in (ast.List, ast.Tuple) else [expr]:
                refusing = _refusing(item, entry.get("refusing", {}), self.imports)
                if refusing is not None:
                    return Problem("unpicklable", f"a {library} logger configured with {refusing[0]} (its `{name}`, "
                                   f"line {item.lineno})", refusing[1])
            found = self.object_problem(given, pool_task) if given is not None else None
            if found is not None:
                return Problem(found.kind, f"a {library} logger configured with {found.what} (its `{name}`, line "
                               f"{expr.lineno})", found.error, found.definition, mode=found.mode)
        return None

    def _any(self, union, judge) -> Problem | None:
        """The first problem among a union's options: the value may be that one. Of an `every` union (an item
        taken by a key no one knows: flow.every), only when each option has one."""
        if union.every:
            problems = [judge(option) for option in union.options]
            return problems[0] if None not in problems else None
        for option in union.options:
            problem = judge(option)
            if problem is not None:
                return problem
        return None

    def _first(self, values, pool_task: bool) -> Problem | None:
        for item in values:
            problem = self.object_problem(item, pool_task)
            if problem is not None:
                return problem
        return None


def _refusing(expr, refusing: dict, imports) -> tuple[str, str] | None:
    """(what, error) when `expr` calls a constructor of the catalog's `refusing` table in the way that makes a
    refused object: with its `keyword` given (`KeyValueRenderer(key_order=[...])`), or without its `unless` keyword
    naming one of the `unless_values` (`WriteLoggerFactory(file=open(...))`)."""
    if type(expr) is not ast.Call or imports is None:
        return None
    qualified = imports.qualify(expr.func) or ""
    rule = refusing.get(qualified)
    if rule is None:
        return None
    given = {k.arg: k.value for k in expr.keywords}
    if "keyword" in rule and rule["keyword"] not in given:
        return None
    if "unless" in rule:
        value = given.get(rule["unless"])
        if value is None and rule.get("position") is not None and len(expr.args) > rule["position"]:
            value = expr.args[rule["position"]]
        if value is None or (imports.qualify(value) or "") in rule.get("unless_values", ()):
            return None
    shown = f"{rule['keyword']}=..." if "keyword" in rule else f"{rule['unless']}=..."
    return f"`{qualified.rpartition('.')[2]}({shown})`", rule["error"]


# Decorators that leave a def a method bound to its object when read from it (any other may make it a value)
BOUND_DECORATORS = frozenset({"abstractmethod", "override", "final"})


def _decorator_name(decorator) -> str:
    if type(decorator) is ast.Call:
        decorator = decorator.func
    return decorator.attr if type(decorator) is ast.Attribute else getattr(decorator, "id", "")


_CALLABLE_VALUES = frozenset({V.Callable, V.Partial, V.BoundMethod, V.ModuleRef, V.Returned})
# Values whose judgement walks other values (remembered, so shared parts are walked once).
_COMPOSITE = frozenset({V.Sequence, V.Union, V.Param, V.CallResult, V.Element, V.Instance, V.Returned, V.BoundMethod, V.Partial})


def _import_time_names(body: list) -> set:
    """Names a module's statements bind when it is imported (not under `if __name__ == "__main__":`;
    its `else:` does run in a child)."""
    names: set = set()
    for stmt in body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(stmt.name)
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            for target in (stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]):
                names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in stmt.names)
        elif isinstance(stmt, ast.If):
            names |= _import_time_names(stmt.orelse if is_main_guard(stmt.test) else stmt.body + stmt.orelse)
        elif isinstance(stmt, ast.Try):
            names |= _import_time_names(stmt.body + stmt.orelse + stmt.finalbody
                                        + [s for h in stmt.handlers for s in h.body])
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            names |= _import_time_names(stmt.body)
    return names


def _returned_wrapper(definition, parents) -> bool:
    """A nested function decorated with `functools.wraps(...)` that the function defining it returns (a decorator's
    wrapper): it takes the wrapped function's module and qualified name, and the module's name for the decorated
    function is bound to this very wrapper, so pickle finds it by reference (rajatkb/Conference-Notify #26's hook
    registry; fresh_realistic5). A wrapper kept only in a registry while the decorator returns `fn` is not one."""
    if type(definition) is not ast.FunctionDef or not any(
            type(d) is ast.Call and (getattr(d.func, "attr", None) == "wraps" or getattr(d.func, "id", None) == "wraps")
            for d in definition.decorator_list):
        return False
    outer = parents.get(definition)  # (the decorator, or the inner one of a factory: `hook(name)` -> `decorate(fn)`)
    if type(outer) is not ast.FunctionDef:
        return False
    return any(type(n) is ast.Return and type(n.value) is ast.Name and n.value.id == definition.name
               for n in outer.body if type(n) is ast.Return)

