"""The Pickler's judging of classes and their instances: the state an object's methods store in self, the bases
that pickle it their own way or refuse it, and the attributes an instance surely lacks."""
from __future__ import annotations

import ast

from mpguard.semantic import values as V
from mpguard.semantic.child_methods import child_only_methods
from mpguard.semantic.index import nodes_in
from mpguard.semantic.instance_conditions import absent_attributes, conditional_stores
from mpguard.semantic.unrun_methods import lost_attributes, sealed_names, unrun_methods
from mpguard.semantic.unpacked_stores import value_options
from mpguard.semantic.local_values import binds
from mpguard.semantic.names import api_kind
from mpguard.semantic.test_results import RAN, left_behind
from mpguard.semantic.pickle_catalog import refused
from mpguard.semantic.refusing_state import REFUSES, refusing_method
from mpguard.semantic.boundaries import dict_state_bases, child_run_methods
from mpguard.semantic.pickle_problems import lambda_error, FUNCS, CUSTOM_PICKLING, Problem, origin_of, authkey_only
from mpguard.semantic.kept_arguments import (keeps_arguments, ALL_GIVEN, spread_keys, given_parameters, names_class,
                                             parameter_defaults)


_EMPTY_MAKERS = ("dict", "list", "set")


def _emptied_attributes(lineage) -> set:
    """Attributes a method other than `__init__` binds to an empty container (`reset()`: `self.cells = {}` or
    `dict()`): a container another method fills (`self.cells[name] = ...`) holds its items or not depending on
    which ran last, which the attribute's value (every store, unioned) does not say."""
    out = set()
    for cls in lineage:
        for method in getattr(cls, "body", ()):
            if not isinstance(method, FUNCS) or method.name == "__init__":
                continue
            for attr, value, into in self_stores(method):
                if not into and (isinstance(value, (ast.List, ast.Dict, ast.Set, ast.Tuple)) and not (
                        value.keys if isinstance(value, ast.Dict) else value.elts)
                        or isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
                        and value.func.id in _EMPTY_MAKERS and not value.args and not value.keywords):
                    out.add(attr)
    return out


def _child_only_stores(lineage, in_child: set) -> set:
    """Attributes stored in `self` by the methods that run only in the child and by no other method (an
    annotation alone, `self._executor: ThreadPoolExecutor` in __init__, stores nothing)."""
    if not in_child:
        return set()
    inside, outside = set(), set()
    for cls in lineage:
        for method in getattr(cls, "body", ()):
            if isinstance(method, FUNCS):
                nodes = nodes_in(method)
                declared = {id(n.target) for n in nodes if type(n) is ast.AnnAssign and n.value is None}
                (inside if method.name in in_child else outside).update(
                    n.attr for n in nodes if type(n) is ast.Attribute and type(n.ctx) is ast.Store
                    and type(n.value) is ast.Name and n.value.id == "self" and id(n) not in declared)
    return inside - outside


def self_stores(method, every: bool = False):
    """(attribute, value, into) of a method's stores in `self`: `self.attr = value` (into False) and, for a
    container attribute, `self.attr[key] = value` (into True: an item of it). `every`: also stores whose value is not
    read (augmented ones), for the question which attributes a method binds."""
    if method is None:
        return
    for node in nodes_in(method):
        if type(node) is ast.Assign:
            targets, value = node.targets, node.value
        elif type(node) in (ast.AnnAssign, ast.AugAssign) and node.value is not None:
            targets, value = [node.target], node.value
            if type(node) is ast.AugAssign and not every:
                continue
        else:
            continue
        for target in targets:
            into = type(target) is ast.Subscript
            attribute = target.value if into else target
            if type(attribute) is ast.Attribute and type(attribute.value) is ast.Name and attribute.value.id == "self":
                yield attribute.attr, value, into


class InstancePickling:
    """How pickle treats an instance of a class: by its state (`__dict__`), unless a base or its own method
    says otherwise."""

    def _instance(self, instance: V.Instance, prefix: str) -> Problem | None:
        if instance.label == RAN:
            return self._ran_test(instance, prefix)
        cls = instance.cls
        if cls is None:  # a namespace (`Namespace(transforms=[f])`, parse_args()): its attributes are pickled
            for name, value in (instance.fields or {}).items():
                inner = self.object_problem(value, pool_task=False)
                if inner is not None and inner.kind != "sync":
                    shown = "" if prefix == "an instance of " else prefix
                    named = instance.label or "a namespace"
                    return Problem(inner.kind, f"{shown}{named} whose `{name}` is {inner.what}", inner.error,
                                   inner.definition, origin_of(inner))
            return None
        problem = self._callable(cls) if cls.kind in ("local_class", "guard") or self.unimported_main else None
        if problem is not None:
            return Problem(problem.kind, prefix + problem.what, problem.error, problem.definition)
        refusal = self._refusal(cls.definition)
        if refusal is not None:
            return Problem("state", f"{prefix}{cls.name}, whose {refusal[0]}.{refusal[1]} {REFUSES}", refusal[2],
                           cls.definition)
        lineage = (self.lineage(cls.definition) if self.lineage is not None else [cls.definition]) \
            if isinstance(cls.definition, ast.ClassDef) else []
        if any(isinstance(f, ast.FunctionDef) and f.name in CUSTOM_PICKLING
               for c in lineage if isinstance(c, ast.ClassDef) for f in c.body):
            return None  # the class, or a base it inherits that from, decides what is pickled (`__getstate__`)
        inherited = self._refused_base(cls.definition)
        if inherited is not None:
            return Problem("state", f"{prefix}{cls.name}, a {inherited[0]} subclass ({inherited[1]})", inherited[2],
                           cls.definition)
        lost = self._rebuild_loss(cls.definition, None) if isinstance(cls.definition, ast.ClassDef) else None
        if lost is not None:  # a library base's pickling drops what the rebuild reads (toolbelt's SSLAdapter)
            return Problem("state", f"{prefix}{cls.name}, {lost[0]}", lost[1], cls.definition)
        made_by = instance.node if names_class(instance.node, cls.name) else None  # (not a factory's call)
        absent = self._lacks(instance)
        state = self.state_problem(cls.definition, call=made_by, absent=absent)
        authkey = None  # a Process object held: said only when nothing else is (see authkey_only)
        if state is not None and authkey_only(state[1]):
            authkey = Problem("state", f"{prefix}{cls.name}, whose {state[0]}", state[1], cls.definition)
        elif state is not None:
            return Problem("state", f"{prefix}{cls.name}, whose {state[0]}", state[1], cls.definition)
        if instance.fields:  # a dataclass or NamedTuple: every field is pickled with the instance
            for name, value in instance.fields.items():
                inner = self.object_problem(value, pool_task=False)
                if inner is not None and inner.kind != "sync":
                    what = "a lambda" if inner.what.endswith("lambda default") else inner.what
                    return Problem("state", f"{prefix}{cls.name}, whose field `{name}` is {what}", inner.error,
                                   cls.definition, origin_of(inner), at=inner.at)
        held = self._held_attribute(cls.definition, absent)
        if held is not None and held[1].kind != "guard":
            return Problem("state", f"{prefix}{cls.name}, whose {held[0]}", held[1].error, cls.definition,
                           origin_of(held[1]))
        by_name = None  # a function of the main block the object holds: found by name, so only the
        # children that re-import the module (spawn, forkserver) miss it; a refused value comes first
        if held is not None:
            by_name = Problem("guard", f"{prefix}{cls.name}, whose {held[0]}", held[1].error, held[1].definition)
        if instance.args and self._keeps_arguments(cls.definition) and not self._opaque_base(cls.definition):
            for value in instance.args:
                inner = self.object_problem(value, pool_task=False)
                if inner is not None and inner.kind in ("unpicklable", "state"):
                    return Problem("state", f"{prefix}{cls.name}, built with {inner.what}", inner.error,
                                   cls.definition, origin_of(inner))
                if inner is not None and inner.kind == "guard" and by_name is None:
                    by_name = Problem("guard", f"{prefix}{cls.name}, built with {inner.what}", inner.error,
                                      inner.definition)
        return authkey or by_name

    def _ran_test(self, instance: V.Instance, prefix: str) -> Problem | None:
        """A test case of this module after its setUp and test ran (kept by a TestResult: semantic/test_results):
        unittest.TestCase pickles its __dict__, so what those left in `self` is pickled with it."""
        cls = instance.cls.definition if instance.cls is not None else None
        if not isinstance(cls, ast.ClassDef) or self.attributes is None:
            return None
        lineage = self.lineage(cls) if self.lineage is not None else [cls]
        if any(isinstance(f, ast.FunctionDef) and f.name in CUSTOM_PICKLING for c in lineage for f in c.body):
            return None  # the class decides what is pickled
        names = left_behind(lineage)
        for name, value in (pair for c in lineage for pair in self.attributes.get(c, ()) if pair[0] in names):
            inner = self.object_problem(value, pool_task=False)
            if inner is not None and inner.kind in ("unpicklable", "state", "lambda", "local"):
                return Problem("state", f"{prefix}{cls.name} (a test case that ran: a failing one stays in the "
                               f"result's failures), whose .{name} is {inner.what}", inner.error, cls)
        return None

    def held_sync(self, value, prefix: str = "") -> Problem | None:
        """A multiprocessing Lock, Queue or Value held by an object sent as a pool task or its argument
        (`ex.map(model.predict, xs)` with `self.lock = mp.Lock()` in Model): pickled outside the
        spawning of a child, it raises (a Process target or argument may hold one: it is sent while the
        child is spawned). `value`: the instance, a bound method or a callable instance."""
        instance = value.instance if type(value) is V.BoundMethod else value
        if type(instance) is not V.Instance or instance.cls is None:
            return None
        cls = instance.cls.definition
        if not isinstance(cls, ast.ClassDef) or self.attributes is None or self._opaque_base(cls) \
                or any(isinstance(f, ast.FunctionDef) and f.name in CUSTOM_PICKLING for f in cls.body):
            return None  # the class decides what is pickled (`__getstate__` leaving the lock out)
        lineage = self.lineage(cls) if self.lineage is not None else [cls]
        absent = self._lacks(instance)
        held = [(f".{name}", v) for c in lineage for name, v in self.attributes.get(c, ()) if name not in absent]
        held += [(f"field `{name}`", v) for name, v in (instance.fields or {}).items()]
        name = value.name if type(value) is V.BoundMethod else ""
        label = f"bound method .{name} of " if name else prefix
        for where, held_value in held:
            inner = self.object_problem(held_value, pool_task=True)
            if inner is not None and inner.kind == "sync":
                return Problem("sync", f"{label}{cls.name}, whose {where} is {inner.what}", inner.error, cls)
        return None

    def _refusal(self, cls) -> tuple[str, str, str] | None:
        """The class (or a base of this module) whose pickling method only raises (a cloud client's
        `__getstate__`), when every class of the lineage is known (a base from elsewhere may pickle
        its own way first)."""
        if not isinstance(cls, ast.ClassDef):
            return None
        key = ("refusal", id(cls))
        if key not in self._memo:
            if id(cls) in self._foreign:  # a class of another project module: known alone when it has no base
                lineage = [cls]
                known = not cls.bases or all(isinstance(b, ast.Name) and b.id == "object" for b in cls.bases)
            else:
                lineage = self.lineage(cls) if self.lineage is not None else [cls]
                known = all(isinstance(c, ast.ClassDef) and not self._opaque_base(c) for c in lineage)
            self._memo[key] = (cls, refusing_method(lineage) if known else None)
        return self._memo[key][1]

    def _keeps_arguments(self, cls) -> bool:
        key = ("keeps", id(cls))
        if key not in self._memo:
            self._memo[key] = (cls, keeps_arguments(cls))
        return self._memo[key][1]

    def held_attribute(self, cls, absent: frozenset = frozenset()) -> tuple[str, Problem] | None:
        """(".name is ...", problem) of a field of `cls` (or its bases) pickle refuses, other than those
        named in `absent` (a fix that replaces one field asks whether it was the only one)."""
        return self._held_attribute(cls, absent)

    def _held_attribute(self, cls, absent: frozenset = frozenset()) -> tuple[str, Problem] | None:
        key = ("held", id(cls), absent)
        if key not in self._memo:
            self._memo[key] = (cls, self._find_held_attribute(cls, absent))
        return self._memo[key][1]

    def _find_held_attribute(self, cls, absent: frozenset = frozenset()) -> tuple[str, Problem] | None:
        """An attribute a method stores in `self` whose value pickle refuses, as the walker followed it
        (`self.count = Stage("count", lambda t: len(t))`: the Stage holds the lambda)."""
        if not isinstance(cls, ast.ClassDef) or self.attributes is None or id(cls) in self._open:
            return None
        if any(isinstance(f, ast.FunctionDef) and f.name in CUSTOM_PICKLING for f in cls.body) or self._opaque_base(cls):
            return None
        self._open.add(id(cls))
        try:
            lineage = self.lineage(cls) if self.lineage is not None else [cls]
            absent = absent | self._lost(cls)  # (stored only by a base's method the class overrides)
            by_name = None  # a main-block function held: reported only when nothing is refused
            emptied = _emptied_attributes(lineage)
            made_in_child = _child_only_stores(lineage, self._child_methods(lineage))
            for name, value in (pair for c in lineage for pair in self.attributes.get(c, ()) if pair[0] not in absent):
                if name in emptied:
                    continue  # filled by one method, emptied by another: what it holds depends on their order
                if name in made_in_child:
                    continue  # stored only by methods that run on the child's copy: never pickled
                inner = self.object_problem(value, pool_task=False)
                if inner is not None and inner.kind == "guard":
                    by_name = by_name or (f".{name} is {inner.what}", inner)
                elif inner is not None and inner.kind not in ("sync", "unimported-main"):
                    return f".{name} is {inner.what}", inner
            return by_name
        finally:
            self._open.discard(id(cls))
        return None

    def _refused_base(self, cls):
        """A standard-library base class whose instances pickle refuses (cmd.Cmd keeps sys.stdin and
        sys.stdout, a logging handler its RLock): (base, what, error), unless the class pickles its own way."""
        if not isinstance(cls, ast.ClassDef) or self.imports is None \
                or any(isinstance(f, ast.FunctionDef) and f.name in CUSTOM_PICKLING for f in cls.body):
            return None
        for base in cls.bases:
            qualified = self.imports.qualify(base)
            found = refused(qualified)
            if found is not None:
                return qualified, found[0], found[1]
        return None

    def _process_base(self, cls) -> bool:
        """Does the class derive directly from multiprocessing's Process?"""
        return self.imports is not None and any(
            (api_kind(self.imports.qualify(base)) or "").startswith("Process") for base in getattr(cls, "bases", ()))

    def _child_methods(self, lineage: list, imports=None) -> set:
        """The lineage's methods that run only in the child, on the unpickled copy: a Process's run(), the
        methods a library base has called there (the catalog's `child_methods`), and those only they reach."""
        seeds = {name for c in lineage for name in self._child_run_methods(c, imports)}
        if any(self._process_base(c) for c in lineage):
            seeds.add("run")
        return child_only_methods(lineage, self.parents, seeds) if seeds else set()

    def _child_run_methods(self, cls, imports=None) -> frozenset:
        """The methods a library base of `cls` has called on the unpickled copy in the child (the catalog's
        `child_methods`). A base that its module's imports do not name (a class of another module, read
        with this module's imports) is matched by its last name: a wrong match only keeps mpguard silent."""
        imports = imports or self.imports
        table = child_run_methods()
        found = frozenset()
        for base in getattr(cls, "bases", ()):
            qualified = imports.qualify(base) if imports is not None else None
            if qualified is None:
                tail = base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", None)
                qualified = next((q for q in table if tail and q.rpartition(".")[2] == tail), None)
            found |= table.get(qualified, frozenset())
        return found

    def _opaque_base(self, cls, imports=None) -> bool:
        """A base class from another module may pickle its own way (multiprocessing.Queue subclasses
        define __getstate__): only module-local bases, object, Process, the catalog's `state_bases`
        (torch's nn.Module, Lightning's LightningModule: they pickle their __dict__) and classes of the project's
        own modules (read there: `_project_bases`) are known."""
        imports = imports or self.imports
        for base in getattr(cls, "bases", ()):
            qualified = imports.qualify(base) if imports is not None else None
            if qualified is None or qualified in ("object", "builtins.object") or qualified in dict_state_bases():
                continue
            if (api_kind(qualified) or "").startswith("Process"):
                continue
            if self._project_class(qualified) is not None:
                continue
            return True
        return False

    def _project_class(self, qualified: str | None):
        """(ClassDef, its module's imports) of a class of another project module that pickles by its __dict__
        (no __getstate__/__reduce__ of its own, no opaque base there), else None."""
        if not qualified or self.resolver is None or not hasattr(self.resolver, "class_definition"):
            return None
        found = self.resolver.class_definition(qualified)
        if found is None or not isinstance(found[0], ast.ClassDef):
            return None
        cls, imports = found
        self._foreign[id(cls)] = (cls, qualified.rpartition(".")[0])  # (kept alive with its id)
        if any(isinstance(f, ast.FunctionDef) and f.name in CUSTOM_PICKLING for f in cls.body) \
                or self._opaque_base(cls, imports):
            return None
        return cls, imports

    def _project_bases(self, cls, imports) -> list:
        imports = imports or self.imports
        out = []
        for base in getattr(cls, "bases", ()):
            found = self._project_class(imports.qualify(base)) if imports is not None else None
            if found is None and type(base) is ast.Name and id(cls) in self._foreign:
                # a base defined in the other module itself (`class OptimalBinning(BaseBinning)` there): this
                # module's lineage does not hold it
                sibling = self._sibling_class(cls, base.id, imports)
                found = (sibling, imports) if sibling is not None and sibling is not cls else None
            if found is not None:
                out.append(found)
        return out

    def _absent(self, instance: V.Instance) -> frozenset:
        """The attributes this object surely lacks: the `if` of __init__ that stores them is false for the call
        that made it (semantic/instance_conditions.py)."""
        cls = instance.cls.definition if instance.cls is not None else None
        if type(cls) is not ast.ClassDef:
            return frozenset()
        return absent_attributes(self._conditional(cls), instance, self.flow) | self._lost(cls)

    def _lost(self, cls: ast.ClassDef) -> frozenset:
        """What only a base's method that the class overrides without handing on stores (semantic/unrun_methods),
        read once per class."""
        key = ("lost", id(cls))
        if key not in self._memo:
            lineage = self.lineage(cls) if self.lineage is not None else [cls]
            self._memo[key] = (cls, lost_attributes(lineage))
        return self._memo[key][1]

    def _conditional(self, cls: ast.ClassDef):
        """What the class's __init__ stores only under an `if` (instance_conditions), read once per class."""
        key = ("conditional", id(cls))
        if key not in self._memo:
            lineage = self.lineage(cls) if self.lineage is not None else [cls]
            self._memo[key] = (cls, conditional_stores([c for c in lineage if type(c) is ast.ClassDef]))
        return self._memo[key][1]

    def state_problem(self, cls: ast.AST | None, imports=None, call: ast.AST | None = None,
                      absent: frozenset = frozenset(), overridden: frozenset = frozenset(),
                      sealed: frozenset = frozenset()) -> tuple[str, str] | None:
        """An attribute set in a method (or a parameter default stored there) that pickle refuses:
        __init__ first, then the other methods (a `start()` that opens a file, a `connect()` ...).
        `call`: the call that made the instance, when known: the constructor's defaults are judged only for
        the parameters it leaves out (`constructor_defaults`). `sealed`: the method names a subclass defines and
        never hands on (semantic/unrun_methods), judging this class as its base: its own of those never run."""
        if not isinstance(cls, ast.ClassDef):
            return None
        given = given_parameters(call, self._constructor(cls)) if call is not None else None
        key = cls if given is None and not absent and not overridden and not sealed \
            else (cls, given, absent, overridden, sealed)
        known = self._states.get(key)  # (imports, answer): classes are asked about once per use
        if known is None or known[0] is not imports:
            # (`overridden`: the names a subclass of another module defines, judging this class as its base: a
            # method call on self there runs the subclass's, semantic/self_generators)
            before, self._overridden = getattr(self, "_overridden", frozenset()), overridden
            try:
                known = self._states[key] = (imports, self._state_problem(cls, imports, given, absent, sealed))
            finally:
                self._overridden = before
        return known[1]

    def _constructor(self, cls: ast.ClassDef):
        """The `__init__` a call of `cls` runs: its own, else the first of its bases' in this module."""
        lineage = self.lineage(cls) if self.lineage is not None else [cls]
        return next((f for c in lineage if isinstance(c, ast.ClassDef) for f in c.body
                     if isinstance(f, ast.FunctionDef) and f.name == "__init__"), None)

    def _state_problem(self, cls: ast.ClassDef, imports, given: frozenset | None = None,
                       absent: frozenset = frozenset(), sealed: frozenset = frozenset()) -> tuple[str, str] | None:
        # An instance carries what every class of its lineage stores in `self`: a base's __init__
        # (`Base.__init__(self)` or `super().__init__()`) sets attributes of the subclass's objects too.
        lineage = [c for c in (self.lineage(cls) if self.lineage is not None else [cls]) if isinstance(c, ast.ClassDef)]
        project_bases = [b for c in lineage for b in self._project_bases(c, imports)]
        if any(isinstance(f, ast.FunctionDef) and f.name in CUSTOM_PICKLING for c in lineage for f in c.body) \
                or any(self._opaque_base(c, imports) for c in lineage):
            return None
        defined = frozenset(f.name for c in lineage for f in c.body if isinstance(f, FUNCS)) | self._overridden
        # (a subclass's `__init__` that never calls its base's: what only the base's stores is not there)
        below = sealed_names(lineage, sealed) if len(project_bases) == 1 else frozenset()
        for base, base_imports in project_bases:  # a base class of another project module: what its methods store
            found = self.state_problem(base, base_imports, overridden=defined, sealed=below)
            if found is not None:
                return found
        unrun = {id(f) for f in unrun_methods(lineage, sealed)}
        # A Process subclass's run() runs in the child, after the object was unpickled there: what it
        # stores in `self` never crosses, nor what the methods only run() reaches store (child_methods).
        # So do a torch Dataset's __getitem__ / __iter__: a DataLoader worker calls them on its copy.
        in_child = self._child_methods(lineage, imports)
        methods = [f for c in lineage for f in sorted((f for f in c.body if isinstance(f, ast.FunctionDef)),
                                                      key=lambda f: f.name != "__init__")
                   if f.name not in in_child and id(f) not in unrun]
        constructor = self._constructor(cls) if given is not None else None
        deferred = None  # a Process object held: said only when nothing else is (see authkey_only)
        for item in methods:
            defaults = parameter_defaults(item.args)
            spread = {}
            if item is constructor:  # the call that made the instance gives these itself
                defaults = {} if given is ALL_GIVEN else {k: v for k, v in defaults.items() if k not in given}
                spread = {} if given is ALL_GIVEN else spread_keys(item, defaults)
            for node in nodes_in(item):
                if not isinstance(node, ast.Assign):
                    continue
                for target in node.targets:
                    if type(target) in (ast.Tuple, ast.List):  # `self.f, self.g = transforms[kind]`
                        bad = self._unpacked_problem(item, node, target, imports, cls, absent)
                        if bad is not None and authkey_only(bad[1]):
                            deferred = deferred or bad
                        elif bad is not None:
                            return bad
                        continue
                    if not (isinstance(target, ast.Attribute) and getattr(target.value, "id", "") == "self") \
                            or target.attr in absent:
                        continue
                    value = node.value
                    module_lambda = None
                    if isinstance(value, ast.Name) and value.id in defaults:
                        value = defaults[value.id]
                        if item is constructor and isinstance(value, ast.Name):  # `target_transform=identity`
                            module_lambda = self._module_lambda(cls, value.id)
                    elif isinstance(value, ast.Name):  # `root = etree.Element(...)` ... `self._xml = root`
                        bad = self._local_problem(item, node, value.id, imports, cls)
                        if bad is None and node in item.body and not binds(item, value.id):
                            bad = self._global_problem(cls, value.id, imports)  # `self._retry = DEFAULT_RETRY`
                        if bad is not None:
                            return f".{target.attr} is {bad[0]}", bad[1]
                    if module_lambda is not None:  # found by its qualified name `<lambda>`, which no module has
                        bad = ("a lambda", lambda_error(module_lambda[1]))
                    else:
                        bad = self._stored_problem(value, imports, cls, spread=spread,
                                                   straight=item if node in item.body else False)
                    if bad is None and type(value) is ast.Subscript:  # `self.f = table[kind]`: each value the table has
                        bad = self._options_problem(item, value_options(item, value), imports, cls)
                    if bad is not None and isinstance(value, ast.Lambda):  # `Scorer.__init__.<locals>.<lambda>`
                        bad = self._lambda_named(item, value, cls, bad)
                    if bad is not None and authkey_only(bad[1]):
                        deferred = deferred or (f".{target.attr} is {bad[0]}", bad[1])
                    elif bad is not None:
                        return f".{target.attr} is {bad[0]}", bad[1]
        return deferred
