"""Will pickle accept this value? The answer names the problem and the error the user sees."""
from __future__ import annotations

import ast
from contextlib import contextmanager
from dataclasses import replace

from mpguard.semantic import errors
from mpguard.semantic import values as V
from mpguard.semantic.calls import UNPICKLABLE
from mpguard.semantic.unset_attributes import module_bindings, unset_at
from mpguard.semantic.runtime_modules import RUNTIME_MEMBER
from mpguard.semantic.pickle_catalog import refused, refused_held, refused_module
from mpguard.semantic.held_across import METHOD
from mpguard.semantic.foreign_methods import foreign_method_returns
from mpguard.semantic.imported_syncs import imported_sync
from mpguard.semantic.configured_objects import BOUND
from mpguard.semantic.pickle_problems import FUNCS, local_error, lambda_error, Problem, with_article
from mpguard.semantic.pickled_instances import InstancePickling
from mpguard.semantic.pickled_stores import StorePickling
from mpguard.semantic.pickled_imports import UNSEEN, ImportedObjectPickling
from mpguard.semantic.pickled_callables import CallablePickling
from mpguard.semantic.pickled_library_objects import LibraryObjectPickling

BUDGET = 50_000  # values judged per module at most (each once); beyond it, say nothing
MAX_DEPTH = 60  # values judged inside one another at most (each level is several frames of recursion)


class Pickler(InstancePickling, StorePickling, ImportedObjectPickling, CallablePickling, LibraryObjectPickling):
    """Judges values against pickle's rules, with the module's parents map for qualnames.

    This class dispatches a value to the judge for its kind and keeps the memo and budget they share; the
    judges live in mixins of one topic each (semantic/pickled_*.py), so that each reads in one sitting."""

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
            factory = value.qualified.rpartition(".")[2]
            if summary is None:  # `smc._create_simulate_function(eps)`: a method of another module's class
                summary, factory = foreign_method_returns(self.resolver, value.qualified)
            if summary is not None and summary.kind == "closure":
                # (the factory, where a fix can lift what it returns: a function of another project module)
                made_by = self.resolver.definition(value.qualified) if hasattr(self.resolver, "definition") else None
                return Problem("local", f"the closure '{summary.local_name}' returned by {value.qualified}()",
                               local_error(f"{factory}.<locals>.{summary.local_name}"),
                               origin=made_by if isinstance(made_by, FUNCS) else None)
            return None
        if isinstance(value, V.ModuleRef) and self.resolver is not None:
            replaced = self._replaced_global(value)
            if replaced is not None:
                return replaced
            kind = self.resolver.definition_kind(value.qualified)
            module, _, name = value.qualified.rpartition(".")
            if kind == "lambda":
                # (the lambda's node in that module, where a fix can make it a def: fixes/other_module)
                found = self.resolver.definition(value.qualified) if hasattr(self.resolver, "definition") else None
                return Problem("lambda", f"'{name}', a lambda in {module}", lambda_error(module),
                               found if isinstance(found, ast.Lambda) else None)
            if kind == "closure":
                return Problem("local", f"'{name}' from {module}, replaced by a decorator's nested wrapper",
                               local_error("...<locals>.wrapper"))
        return None

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
        if kind is V.Element and type(value.of) is V.Returned and value.attr is None and not value.contents \
                and (iterated := self._iterated_item(value)) is not None:
            return iterated
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
                return self._kept_argument(value, lambda given: self.object_problem(given, pool_task)) \
                    or self._property_result(value)
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
        if kind is V.ModuleRef and pool_task and self.resolver is not None:
            made = self._imported_sync(value.qualified)  # `native_queues.method_queue`: that module's Queue itself
            if made is not None:
                return self._object_problem(made, pool_task)
        if kind is V.ModuleRef and type(value.node) is ast.Import:
            module = refused_module()  # `args=(math,)`: the module object an `import` statement bound
            if module is not None:
                return Problem("unpicklable", f"the module {value.qualified} (a {module[0]})", module[1])
        if kind is V.ModuleRef:
            held = refused_held(value.qualified)
            if held is not None and value.qualified not in self._rebound(value.node):
                return Problem("unpicklable", f"`{value.qualified}`, {with_article(held[0])}", held[1])
        if kind in _CALLABLE_VALUES:
            found = self.callable_problem(value)
            # a member of a module built at run time is judged only as a task (rules/runtime_modules.py)
            return None if found is not None and found.kind == RUNTIME_MEMBER else found
        return None

    def _imported_sync(self, qualified: str):
        """The Queue, Lock or Value another project module binds `qualified` to at its top (semantic/imported_syncs),
        once per name."""
        key = ("imported sync", qualified)
        if key not in self._memo:
            self._memo[key] = (qualified, imported_sync(self.resolver, qualified))
        return self._memo[key][1]

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


_CALLABLE_VALUES = frozenset({V.Callable, V.Partial, V.BoundMethod, V.ModuleRef, V.Returned})
# Values whose judgement walks other values (remembered, so shared parts are walked once).
_COMPOSITE = frozenset({V.Sequence, V.Union, V.Param, V.CallResult, V.Element, V.Instance, V.Returned, V.BoundMethod, V.Partial})

