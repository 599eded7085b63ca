"""How values travel: unions of may-values, and parameters resolved through their call sites.

The walker evaluates each function once, with its parameters standing for whatever its callers pass
(`values.Param`). What a parameter holds is asked only when a rule needs it: the union of the
arguments at every call site of the function in this module (one level of call-site sensitivity,
applied again for a caller's own parameters up to `MAX_DEPTH`). A parameter with no known call site
stays unknown: the rules say nothing about it."""
from __future__ import annotations

import ast
from contextlib import contextmanager
import sys

from mpguard.semantic import errors, values as V
from mpguard.semantic.index import default_expression, parameters, rewrapped
from mpguard.semantic.members import names_of
from mpguard.semantic.names import api_kind
from mpguard.semantic.runtime_modules import ANY_MEMBER, is_built_module, member
from mpguard.semantic.test_results import RESULT, kept
from mpguard.semantic.pickle_catalog import method_type, refused_items, refused_method

MAX_DEPTH = 4  # callers of callers of ... a parameter is followed through
MAX_OPTIONS = 32  # a union larger than this keeps its first options (precision first: never invent)
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
# the standard library's packages whose pool classes a value may hold (a drop-in copy's pool has its own defaults)
POOL_PACKAGES = frozenset({"multiprocessing", "concurrent"})


def union(values) -> object:
    """The value that may be any of `values` (None, unknown, is left out: the known options still
    hold). Nested unions are flattened; a single option is itself."""
    options, seen = [], set()
    for value in values:
        for option in value.options if type(value) is V.Union and not value.every else (value,):
            if option is not None and id(option) not in seen and len(options) < MAX_OPTIONS:
                seen.add(id(option))
                options.append(option)
    if not options:
        return None
    return options[0] if len(options) == 1 else V.Union(options[0].node, options)


def every(values) -> object:
    """The item a lookup by a key no one knows takes (V.Union.every): any of `values`, reported only when each
    has a problem. None when one is unknown (it may be the harmless one). Its options are kept as they are: an
    option that is itself a union has a problem when any of its own options has one."""
    options, seen = [], set()
    for value in values:
        if value is None:
            return None
        if id(value) not in seen:
            if len(options) == MAX_OPTIONS:
                return None  # (one left out may be the harmless one)
            seen.add(id(value))
            options.append(value)
    if not options:
        return None
    return options[0] if len(options) == 1 else V.Union(options[0].node, options, every=True)


def callers_key(key) -> bool:
    """A key the callers give (looked_up): a parameter, or a field of the object they pass (`self.kind`)."""
    return type(key) is V.Param or (type(key) is V.Element and key.attr is not None and type(key.of) is V.Param)


def looked_up(node, container: V.Sequence, key) -> object:
    """`table[name]` or `table.get(name)` of a dict literal, where `name` is known only later (what the callers
    pass): the item under each key it turns out to be, looked up when a rule asks (Flow.resolve), among the
    literal's items and those stored in it by then or later (V.Sequence.under). What this function stored under
    this very parameter is that item, known now (`if name not in POOLS: POOLS[name] = ProcessPoolExecutor(...)`,
    then `return POOLS[name]`), for what the callers make of it."""
    keyed = V.Element(node, container, key=key)
    same = [held for at, held in enumerate(container.items) if _same_param(container.under.get(at), key)]
    return union([keyed, *same]) if same else keyed


def _same_param(stored, key) -> bool:
    return type(stored) is V.Param and type(key) is V.Param and stored.function is key.function \
        and stored.name == key.name and stored.site is None and key.site is None


def unchanged_dict(value) -> bool:
    """A dict literal the program never adds to (`SETTINGS = {...}` with no later `SETTINGS[k] = v`, no update()):
    its constant keys say what it holds."""
    return type(value) is V.Sequence and isinstance(value.node, ast.Dict) and len(value.items) == len(value.node.keys)


def item(container, key):
    """`container[key]`: the value of a dict literal under a constant key, a tuple's item at a constant
    index; under any other key, any of the container's items. A container known only later (what a
    function returns, a parameter) gives an Element that `Flow.resolve` looks up the same way."""
    kind = type(container)
    if kind is V.Union:
        return union(item(option, key) for option in container.options)
    if kind is V.CallResult or kind is V.Param or kind is V.Element:  # known later: looked up when a rule asks
        return V.Element(key, container, key=key) if isinstance(key, ast.Constant) \
            else V.Element(key, container, contents=True)
    if kind is V.Returned and isinstance(key, ast.Constant):  # another module's dict: its summary says (pickling)
        return V.Element(key, container, key=key)
    if kind is not V.Sequence or container.enumerates:  # (a listing of members: semantic/members.py)
        return None
    if isinstance(key, ast.Constant):
        if isinstance(container.node, ast.Dict):
            return _under(container, key)
        elif isinstance(container.node, (ast.Tuple, ast.List)) and type(key.value) is int and not container.mapping \
                and len(container.items) == len(container.node.elts):
            items = container.items
            return items[key.value] if -len(items) <= key.value < len(items) else None
    if isinstance(key, ast.Slice):
        return V.Sequence(key, list(container.items), container.mapping)
    if not container.items and container.mapping and container.held:
        made = _default_container(key, container.held[0])
        if made is not None:  # `plan = defaultdict(list); plan[k].append(x)`: the list the factory makes
            container.items.append(made)
            return made
    return union(container.items)


def _under(container: V.Sequence, key: ast.Constant):
    """`table["invert"]` of a dict literal: the literal's item under that key, or any of its items under a key that
    is not a constant (`{region: stub}`); with the items stored in it later (`table[k] = v`, V.Sequence.under)
    under that key, or under a key of the storing function's callers (an Element the flow resolves through each
    call: V.Element.stored). An item stored under a key not known at all may be the one too, unless the literal
    holds the key (the program's own default, which it reads)."""
    literal = container.node.keys
    found, held = [], False
    for k, value in zip(literal, container.items):
        if not isinstance(k, ast.Constant):
            found.append(value)
        elif k.value == key.value:
            found.append(value)
            held = True
    for at in range(len(literal), len(container.items)):
        value, stored = container.items[at], container.under.get(at)
        node = getattr(stored, "node", None)
        if type(stored) is V.Constant and isinstance(node, ast.Constant):
            if node.value == key.value:
                found.append(value)
        elif type(stored) is V.Param:
            found.append(V.Element(node, value, stored=(stored, key.value)))
        elif not held:
            found.append(value)
    return union(found)


def _default_container(key, factory):
    """The container a defaultdict's factory (`list`, `set`, `dict`) makes for a missing key, else None."""
    if type(factory) is V.Callable and factory.kind == "builtin" and factory.name in ("list", "set", "dict"):
        return V.Sequence(key, [], factory.name == "dict")
    return None


def excluding(value, type_name: str):
    """`value` without the options `isinstance(value, type_name)` would accept: a refused object of that type
    (its label names it: "memoryview object"), an instance of a class of that name."""
    options = value.options if type(value) is V.Union else (value,)
    kept = [o for o in options
            if not (type(o) is V.Unpicklable and o.what.split(" ")[0].rsplit(".", 1)[-1] == type_name)
            and not (type(o) is V.Instance and o.cls is not None and o.cls.name == type_name)]
    return union(kept) if len(kept) != len(options) else value


def element(container) -> object:
    """What iterating over `container` gives: any of a sequence's items (a mapping gives its keys,
    which are not kept)."""
    kind = type(container)
    if kind is V.Sequence:
        return None if container.mapping or container.enumerates else union(container.items)
    if kind is V.Union:
        return union(element(option) for option in container.options)
    if kind is V.CallResult or kind is V.Param or kind is V.Element:  # known later: resolved when a rule asks
        return V.Element(container.node, container)
    if kind is V.Unpicklable:  # a generator expression gives its items
        return container.yields
    if kind is V.Returned and container.added:  # another module's list: at least what this module added
        return union(container.added)
    return None


def iterated(container) -> object:
    """What a `for` over `container` binds: `element`; for what a call of another project module's function
    returned, whose items the walker cannot see, an item known later (`Flow.resolve` asks semantic/returned_items
    whether they are what the call gave it)."""
    found = element(container)
    if found is None and type(container) is V.Returned and container.receiver is None and not container.added:
        return V.Element(container.node, container)
    return found


def unstarred(args) -> list:
    """A call's (expr, value) arguments as they arrive: `f(*(x for x in xs))` passes the generator's items, not the
    generator (an item not known is left out)."""
    out = []
    for expr, value in args:
        if type(expr) is ast.Starred:
            item = element(value)
            if item is not None:
                out.append((expr, item))
        else:
            out.append((expr, value))
    return out


def unpack(value, count: int) -> list:
    """`a, b = value`: the value of each target (a union unpacks option by option)."""
    kind = type(value)
    if kind is V.Sequence and not value.mapping and len(value.items) == count:
        return list(value.items)
    if kind is V.Union:
        columns = [unpack(option, count) for option in value.options]
        return [union(column[i] for column in columns) for i in range(count)]
    if kind is V.CallResult or kind is V.Param or kind is V.Element:
        # `conn, path = make_client(p)` of what a function returns (known later): each its item by position,
        # looked up when a rule asks (`Flow.resolve`, as `pair[0]` is)
        keys = [ast.copy_location(ast.Constant(i), value.node) if isinstance(value.node, ast.AST) else ast.Constant(i)
                for i in range(count)]
        return [V.Element(key, value, key=key) for key in keys]
    if kind is V.Returned and isinstance(value.node, ast.AST):
        # `model, preprocess = clip_load.load(name)`: each item by position, judged by the other module's summary
        # of the tuples its function returns (`ModuleSummary.keyed`, keys 0, 1, ...)
        return [V.Element(value.node, value, key=ast.copy_location(ast.Constant(i), value.node), unpacked=True)
                for i in range(count)]
    return [None] * count


class CallSite:
    """A call of a function of this module, with the values of its arguments."""

    __slots__ = ("call", "args", "kwargs", "bound", "where", "receiver")

    def __init__(self, call: ast.Call, args: list, kwargs: dict, bound: bool, where=None, receiver=None):
        # what a bound call is made on: the class of this module a classmethod is called on (`DevConfig.make()`),
        # the object a method is called on (`parser.parse(...)`); None when not known
        self.receiver = receiver
        self.call = call
        self.args = args  # [(expr, value)]
        self.kwargs = kwargs  # {name or None for **mapping: (expr, value)}
        self.bound = bound  # called as a bound method: the first parameter is the instance
        self.where = where  # facts.Where of the call (its function, whether it is in a loop)


class Flow:
    """Resolves `Param`s against the call sites the walker recorded (facts.call_sites)."""

    def __init__(self, call_sites: dict, functions: dict | None = None, returned=None, spawn_sites=None,
                 lineage=None, attributes=None, reaching=None, returned_items=None):
        self.call_sites = call_sites  # def node -> [CallSite]
        # V.Returned -> the value another project module's function returned for that call, built from the items of
        # what the call gives it (semantic/returned_items; handed down: it reads that module's summary), else None
        self.returned_items = returned_items
        # (returns, function, call, bound) -> the returns that call may reach, by the parameter tests before them
        # (semantic/param_guards.reachable_returns, handed down: it reads conditions, which read this module)
        self.reaching = reaching
        self.attributes = attributes or {}  # class -> [(name, value)] stored in `self.<name>` (facts.instance_attributes)
        self.lineage = lineage or (lambda cls: [cls])  # a class and its bases of this module (facts.lineage)
        self._made: list = []  # values made while resolving, kept alive: the cache is keyed by id()
        # a Process target -> its creations, as calls made in the child (their `args`)
        self.spawn_sites = spawn_sites or {}
        self.functions = functions or {}  # def node -> FunctionInfo (what it returns)
        # [(value, return node)] -> what a call gives (conditions.returned: contexts told per platform)
        self.returned = returned
        self._cache: dict = {}  # id(value) -> (value, what it resolves to): holding `value` keeps its id its own
        self._stored_memo: dict = {}  # (id(stored value), id(its key parameter), key looked up) -> what _stored gives
        # (def, parameter) taken as left out by the call being judged (`assuming_omitted`): it holds its default
        self.omitted: tuple | None = None

    def resolve(self, value, depth: int = 0):
        """`value` with a parameter replaced by what its callers pass, a call's result by what the
        function returns (a union, or None if unknown)."""
        kind = type(value)
        if kind is not V.Param and kind is not V.CallResult and kind is not V.Element:
            return self._member(value, depth) if kind is V.MemberByName else value
        key = id(value)
        if key in self._cache:
            return self._cache[key][1]
        # A caller's value made for one question (instance_conditions' Param of one call) dies after it; were it
        # not held here, a later value given its id would read its answer (an order-dependent wrong finding).
        self._cache[key] = (value, None)  # reached again while resolving it: unknown (recursion)
        if kind is V.Element and value.per_class is not None:
            found = self._per_receiver(value)
        elif kind is V.Element and value.attr is not None:
            found = self.resolve(self._field(self.resolve(value.of, depth + 1), value.attr, depth + 1), depth + 1) \
                if depth < MAX_DEPTH else None
        elif kind is V.Element and value.stored is not None:
            found = self._stored(value, depth) if depth < MAX_DEPTH else None
        elif kind is V.Element and isinstance(value.key, V.Value):  # a key the callers give (expressions)
            container = _known(self.resolve(value.of, depth + 1)) if depth < MAX_DEPTH else None
            keys = names_of(self.resolve(value.key, depth + 1)) if depth < MAX_DEPTH else None
            if keys is None:
                found = self._any_key(container, value.node, depth) if container is not None else None
            else:
                found = union(self.resolve(item(container, ast.Constant(k)), depth + 1) for k in keys)
        elif kind is V.Element and value.spread:
            container = _known(self.resolve(value.of, depth + 1)) if depth < MAX_DEPTH else None
            options = container.options if type(container) is V.Union else (container,)
            spread = [_keyword_items(option, None) for option in options]
            found = self.resolve(union(s[value.key.value] for s in spread if s and value.key.value in s), depth + 1)
        elif kind is V.Element and value.key is not None:
            found = self.resolve(item(_known(self.resolve(value.of, depth + 1)), value.key), depth + 1) \
                if depth < MAX_DEPTH else None
        elif kind is V.Element and type(value.of) is V.Returned and not value.contents:
            # `for level in levels(self.nodes)`: what iterating another module's result gives, when its items are
            # what this call gave it (semantic/returned_items)
            made = self.returned_items(value.of) if self.returned_items is not None else None
            found = self.resolve(element(made), depth + 1) if made is not None and depth < MAX_DEPTH else None
            if made is not None:
                self._made.append(made)
        elif kind is V.Element:
            take = contents if value.contents else element
            found = self.resolve(take(_known(self.resolve(value.of, depth + 1))), depth + 1) \
                if depth < MAX_DEPTH else None
        elif kind is V.CallResult and value.receiver is not None:
            receiver = self.resolve(value.receiver, depth + 1) if depth < MAX_DEPTH else None
            options = receiver.options if type(receiver) is V.Union else [receiver]
            found = union(self._method_result(value, option, depth) for option in options)
        elif kind is V.CallResult and value.yields:  # a generator's items: what each `yield` gives
            info = self.functions.get(value.function)
            given = [self.resolve(v, depth + 1) if depth < MAX_DEPTH else None for v in (info.yields if info else ())]
            found = union(given) if given and None not in given else None
        elif kind is V.CallResult:
            info = self.functions.get(value.function)
            returns = info.returns if info is not None else ()
            if value.bound is not None and self.reaching is not None and isinstance(value.node, ast.Call):
                # the returns this call can reach (as for a function walked before its call, semantic/calls)
                returns = self.reaching(returns, value.function, value.node, value.bound)
            pairs = [(self.resolve(v, depth + 1) if depth < MAX_DEPTH else None, node) for v, node in returns]
            found = self.returned(pairs) if self.returned is not None else union(v for v, _node in pairs)
        elif self.omitted is not None and (value.function, value.name) == self.omitted and value.site is None:
            info = self.functions.get(value.function)
            found = info.defaults.get(value.name) if info is not None else None
        else:
            found = union(self._argument(site, value, depth) for site in self.passing(value))
        if kind is V.Element and value.excluding is not None and found is not None:
            found = excluding(found, value.excluding)
        self._cache[key] = (value, found)
        return found

    def _stored(self, value: V.Element, depth: int):
        """What the calls of a storing function (`def add(name, fn): TABLE[name] = fn`) that pass the constant
        looked up stored: each call's own value (`add("invert", invert)` gives `invert`, not what
        `add("threshold", lambda p: p)` stored). A call whose key is not known may have stored under it too."""
        param, wanted = value.stored
        stored = value.of
        memo = (id(stored), id(param), wanted)  # (both held by the container: their ids stay theirs)
        if memo in self._stored_memo:  # each lookup of that key makes its own Element: read the calls once
            return self._stored_memo[memo]
        self._stored_memo[memo] = None  # reached again while reading them: unknown (recursion)
        found = []
        for site in sites_of(self.call_sites, param):  # (not a process started with it: stores in the child)
            keys = names_of(self._argument(site, param, depth + 1))
            if keys is not None and wanted not in keys:
                continue
            if type(stored) is V.Param and stored.function is param.function and stored.site is None:
                given = V.Param(stored.node, stored.function, stored.name, stored.kind, site)
                self._made.append(given)
                found.append(self.resolve(given, depth + 1))
            else:
                found.append(self.resolve(stored, depth + 1))
        self._stored_memo[memo] = union(found)
        return self._stored_memo[memo]

    def _any_key(self, container, key: ast.expr, depth: int):
        """`TABLE[name]` where a caller's `name` is not known (read from the command line, no caller at all):
        whichever item that data picks, so every item it may be (each call of a storing function its own), reported
        only when each has a problem (flow.every)."""
        options = container.options if type(container) is V.Union else (container,)
        items = []
        for option in options:
            if type(option) is not V.Sequence or not option.mapping or not isinstance(option.node, ast.Dict):
                return self.resolve(item(container, key), depth + 1)  # (any item, as before)
            for at, held in enumerate(option.items):
                stored = option.under.get(at)
                if type(stored) is V.Param and type(held) is V.Param and held.function is stored.function \
                        and held.site is None:
                    for site in sites_of(self.call_sites, stored):
                        given = V.Param(held.node, held.function, held.name, held.kind, site)
                        self._made.append(given)
                        items.append(self.resolve(given, depth + 1))
                else:
                    items.append(self.resolve(held, depth + 1))
        return every(items)
    @contextmanager
    def assuming_omitted(self, function, name: str):
        """Resolve as for a call of `function` that leaves `name` out, whatever its call sites here pass: what a
        function of this module returns to another module's call that omits the argument (linter/summaries).
        The answers are kept apart from the others."""
        kept, self._cache, self.omitted = (self._cache, self._stored_memo), {}, (function, name)
        self._stored_memo = {}
        try:
            yield self
        finally:
            (self._cache, self._stored_memo), self.omitted = kept, None

    def _per_receiver(self, value: V.Element):
        """A classmethod's `cls.<attr>` (V.Element.per_class): the value on the class each call site calls the
        method on; the defining class's when no call site of this module is known. Nothing when a call site's
        class is not known (`obj.make()`, a subclass of another module): precision first."""
        classes = self._receiver_classes(value.of, 0)
        if classes is None or any(c not in value.per_class for c in classes):
            return None
        return union(value.per_class[c] for c in classes) if classes else value.fallback

    def _receiver_classes(self, param: V.Param, depth: int):
        """The classes of the objects (or the classes) the call sites of `param`'s method call it on: [] when no call
        site is known, None when one is not known. A call made on another method's own `self` (`self.create_executor()`
        in `execute`) is made on whatever that method's callers call it on: followed up their call sites."""
        found = []
        for site in self.passing(param):
            receiver = site.receiver if site.bound else None
            if type(receiver) is V.Instance and receiver.cls is not None and isinstance(receiver.node, FUNCS):
                # the walker's `self` of a method (its node is the def): that method's receivers
                if depth >= MAX_DEPTH:
                    return None
                outer = self._receiver_classes(V.Param(receiver.node, receiver.node, "self"), depth + 1)
                if outer is None:
                    return None
                found.extend(outer if outer else [receiver.cls.definition])
                continue
            if type(receiver) is V.Instance and receiver.cls is not None:  # `Strategy(2).execute(...)`
                receiver = receiver.cls
            definition = receiver.definition if type(receiver) is V.Callable else None
            if definition is None:
                return None
            found.append(definition)
        return found

    def _field(self, obj, name: str, depth: int):
        """`obj.<name>` of an object the callers passed: a field its constructor was given, or what a
        method stored in `self.<name>` (None when unknown: a method, a class default not read here)."""
        kind = type(obj)
        if (kind is V.Param or kind is V.CallResult or kind is V.Element) and depth < MAX_DEPTH:
            return self._field(self.resolve(obj, depth + 1), name, depth + 1)  # `scrape(build_config())`
        if kind is V.Union:
            return union(self._field(option, name, depth) for option in obj.options)
        if is_built_module(obj):  # `plugin.validate` of a module the program built from a file at run time
            made = member(obj.node, obj, "" if name == ANY_MEMBER else name)
            self._made.append(made)
            return made
        if type(obj) is V.Library and obj.type == RESULT:  # `original.failures` of the TestResult the callers pass
            return kept(obj.node, obj, name)
        if name == ANY_MEMBER:  # `getattr(obj, name)` with a name not known: only a built module's is known
            return None
        if kind is V.Returned and name in obj.fields:  # what the caller's module set on it (`p.client = client`)
            return obj.fields[name]
        if kind is V.Returned:  # an object of another module (`build_dataset()` returned `H5Samples(path)`): its
            return V.BoundMethod(obj.node, obj, name)  # attribute, judged there (a method pickles the whole object)
        if kind is not V.Instance:
            return None
        if obj.fields is not None and name in obj.fields:
            return obj.fields[name]
        cls = obj.cls.definition if obj.cls is not None else None
        for c in self.lineage(cls) if type(cls) is ast.ClassDef else ():
            for stored, value in self.attributes.get(c, ()):
                if stored == name:
                    return value
        for c in self.lineage(cls) if type(cls) is ast.ClassDef else ():
            if any(type(f) in (ast.FunctionDef, ast.AsyncFunctionDef) and f.name == name
                   and not any(type(d) is ast.Name and d.id in ("staticmethod", "classmethod", "property")
                               for d in f.decorator_list) for f in c.body):
                # `runner.run_model` of the object the callers pass: its bound method (pickled with the object)
                made = V.BoundMethod(obj.node, obj, name)
                self._made.append(made)
                return made
        return None

    def _member(self, value: V.MemberByName, depth: int):
        """The functions of `value.module` its name may be, once the name is known."""
        names = names_of(self.resolve(value.name, depth + 1)) if depth < MAX_DEPTH else None
        if names is None or not all(n in value.functions for n in names):
            return None
        made = [V.ModuleRef(value.node, f"{value.module}.{n}") for n in names]
        self._made.extend(made)
        return union(made)

    def _method_result(self, call: V.CallResult, obj, depth: int):
        """What `call.method` of `obj` gives, for an instance of a class of this module: its generator
        (whose items are its `yield`s) or what it returns."""
        if type(obj) is V.Sequence and obj.mapping and call.method in ("get", "pop") and call.node.args \
                and depth < MAX_DEPTH:  # `cfg.get(name)` of the dict the callers pass (a default is not read)
            return self.resolve(item(obj, call.node.args[0]), depth + 1)
        if type(obj) is V.Sequence and call.method in ("values", "items", "copy") and not getattr(call.node, "args", 1):
            # `jobs_for(ns).values()` of the dict a function returns: its items (the walker's container_call)
            made = V.Sequence(call.node, list(obj.items), obj.mapping and call.method == "copy")
            if call.method == "items":
                made = V.Sequence(call.node, [V.Sequence(call.node, [None, union(obj.items)])])
            self._made.append(made)
            return made
        if type(obj) is V.MPObject and obj.kind == "Manager" and obj.makes_proxy(call.method):
            return V.MPObject(call.node, "ManagerProxy", obj.method)  # `self._manager.get_devices()`: a proxy
        if type(obj) is V.MPObject and obj.kind == "DaskBag" and call.method not in V.SCHEDULER_METHODS:
            return obj  # `build(...).sum()`: a dask collection again
        if call.method == V.CALLED and type(obj) is V.ModuleRef and obj.qualified.partition(".")[0] in POOL_PACKAGES \
                and api_kind(obj.qualified) in ("Pool", "Executor") and isinstance(call.node, ast.Call):
            # `self.executor_factory(max_workers=2)` where the class of the receiver binds ProcessPoolExecutor,
            # `pool_cls(4)` given multiprocessing.Pool: a pool of the program's default start method (its tasks are
            # pickled under every one; param_calls.replay_on_results submits them)
            made = V.MPObject(call.node, api_kind(obj.qualified), None)
            self._made.append(made)
            return made
        if call.method == V.CALLED and type(obj) is V.ModuleRef:  # another module's class (a registry's item), called
            made = V.Returned(call.node, obj.qualified, args=[None] * (len(call.node.args) + len(call.node.keywords)))
            self._made.append(made)
            return made
        if call.method == V.CALLED:  # the value the callers pass, called: a class makes an object of it
            definition = obj.definition if type(obj) is V.Callable else None
            if type(definition) is ast.ClassDef and obj.kind in ("module", "method"):
                made = V.Instance(call.node, obj, [])
                self._made.append(made)
                return made
            if type(obj) is V.ModuleRef and obj.qualified.partition(".")[0] not in sys.stdlib_module_names \
                    and isinstance(call.node, ast.Call):
                # a class (or function) of another module: what calling it gives, as a direct call's
                # (judged in that module only if it reaches a child); the arguments are counted, not known
                node = call.node
                spread = any(type(a) is ast.Starred for a in node.args) or any(k.arg is None for k in node.keywords)
                made = V.Returned(node, obj.qualified, args=[None] * (64 if spread else len(node.args)),
                                  keywords={k.arg: None for k in node.keywords if k.arg is not None})
                self._made.append(made)
                return made
            return None
        library_type = obj.type if type(obj) in (V.Library, V.Unpicklable) else None
        if library_type:  # `conn.execute(sql)` of the connection the callers pass: a Cursor (the catalog's method)
            return self._library_result(call, library_type)
        if type(obj) is V.Returned and obj.receiver is None:
            # `crawler.iter_series()` of the `Crawler(root)` (another module's class) the callers pass: that module's
            # method, judged there as the walker's own `Crawler(root).iter_series()` is (what its summary says it gives)
            made = V.Returned(call.node, f"{obj.qualified}.{call.method}", receiver=obj)
            self._made.append(made)
            return made
        cls = obj.cls.definition if type(obj) is V.Instance and obj.cls is not None else None
        if type(cls) is not ast.ClassDef or depth >= MAX_DEPTH:
            return None
        method = next((f for c in self.lineage(cls) for f in getattr(c, "body", ())
                       if type(f) is ast.FunctionDef and f.name == call.method), None)
        info = self.functions.get(method)
        if info is None:
            return None
        if info.yields:
            if rewrapped(method):  # `@contextmanager` on a method: not a generator
                return None
            items = V.CallResult(call.node, method, yields=True)
            made = V.Unpicklable(call.node, "generator", errors.text("generator"), yields=items)
        else:
            made = V.CallResult(call.node, method)
        self._made.append(made)
        return made if info.yields else self.resolve(made, depth + 1)

    def _library_result(self, call: V.CallResult, type_name: str):
        """What a method the catalog knows gives, of an object of `type_name` (the walker's own reading of
        `pattern.match(s)`, made when the object is known only through the callers)."""
        found = refused_method(type_name, call.method)
        if found is None:
            return None
        items = refused_items(f"<{type_name}>.{call.method}")
        made = V.Unpicklable(call.node, *found, yields=V.Unpicklable(call.node, *items) if items else None,
                             type=method_type(type_name, call.method))
        self._made.append(made)
        return made

    def passing(self, param: V.Param) -> list:
        """Where a parameter gets its value: the calls of its function (or the one call a V.Param.site names)
        and, for a process target's parameters, the processes started with it (their `args`)."""
        sites = [*sites_of(self.call_sites, param)]
        if param.site is None:
            sites += self.spawn_sites.get(param.function, ())
        return sites

    def sites(self, param: V.Param) -> list:
        """The call sites that pass something known for `param` (for a finding's related locations)."""
        return [site for site in sites_of(self.call_sites, param)
                if self._argument(site, param, MAX_DEPTH) is not None]

    def _argument(self, site: CallSite, param: V.Param, depth: int):
        value = bind_argument(param.function, site, param, self.resolve, self.functions)
        if type(value) is V.Param:  # a parameter of the caller: one more call up
            return self.resolve(value, depth + 1) if depth < MAX_DEPTH else None
        if type(value) in _LATER:  # an item of what the caller was given (`pool.map(f, confs)`): no call up
            return self.resolve(value, depth)
        return value


_LATER = (V.Param, V.CallResult, V.Element)


def _known(value):
    """`value` when resolving made it known; None when it is still known only later (resolving it again would
    wrap it once more: `cfg["a"]["b"]` of a parameter no call site gives)."""
    if type(value) in _LATER:
        return None
    if type(value) is V.Union and any(type(option) in _LATER for option in value.options):
        return union(option for option in value.options if type(option) not in _LATER)
    return value


def sites_of(call_sites: dict, param: V.Param):
    """The call sites whose arguments a parameter holds: its own site when it has one (V.Param.site)."""
    return (param.site,) if param.site is not None else call_sites.get(param.function, ())


def bind_argument(function, site: CallSite, param: V.Param, resolve=None, functions=None):
    """The value a call site passes for one parameter, as Python binds arguments (`**spec` with a
    dict whose keys we can read included; `resolve` gives what a parameter or a call result holds;
    `functions`, the walker's FunctionInfo per def, the values of defaults that are not constants)."""
    args = function.args
    if None in site.kwargs:
        spread = _keyword_items(site.kwargs[None][1], resolve)
        if spread is not None:
            kwargs = {k: v for k, v in site.kwargs.items() if k is not None}
            kwargs.update((k, (site.call, v)) for k, v in spread.items() if k not in kwargs)
            site = CallSite(site.call, site.args, kwargs, site.bound, site.where, site.receiver)
    positional = [a.arg for a in (*getattr(args, "posonlyargs", ()), *args.args)]
    if site.bound:
        if positional and param.name == positional[0] and param.kind == "positional":
            return site.receiver  # `self` (or `cls`): the object the call is made on, when the call site knows it
        positional = positional[1:]
    passed, starred = [], False
    for expr, value in site.args:
        if type(expr) is ast.Starred:
            starred = True
            break
        passed.append(value)
    if param.kind == "vararg":
        if starred:
            return None
        return V.Sequence(site.call, passed[len(positional):])
    if param.kind == "kwarg":
        named = {a.arg for a in parameters(args)}
        if None in site.kwargs:
            return None
        extra = [(k, v) for k, (_e, v) in site.kwargs.items() if k not in named]
        return V.Sequence(site.call, [v for _k, v in extra], mapping=True, keys=[k for k, _v in extra])
    if param.name in site.kwargs:
        return site.kwargs[param.name][1]
    if param.name in positional:
        index = positional.index(param.name)
        if index < len(passed):
            return passed[index]
    if starred or None in site.kwargs:
        return None  # `f(*xs)`, `f(**opts)` of what we cannot read: the argument may be in them
    return omitted_default(function, param.name, functions)


def omitted_default(function, name: str, functions=None):
    """What a parameter holds when the call leaves it out: its default, when that is a constant (`context=None`,
    `mp_start_method="spawn"`) or a callable the walk evaluated where the def is (`simplify=lambda x: x`: the
    FunctionInfo of `functions` keeps it); None for any other default or none."""
    default = default_expression(function, name)
    if isinstance(default, ast.Constant):
        return V.Constant(default, 8)
    info = functions.get(function) if functions is not None and default is not None else None
    return info.defaults.get(name) if info is not None else None


def contents(value) -> object:
    """Any of the values a container holds (a mapping's values), for `extend` / `update`."""
    kind = type(value)
    if kind is V.Sequence:
        return union(value.items)
    if kind is V.Union:
        return union(contents(option) for option in value.options)
    if kind is V.CallResult or kind is V.Param or kind is V.Element:  # known later (`cleaners.update(extra)`)
        return V.Element(value.node, value, contents=True)
    return None


def callee_name(decorator: ast.expr) -> str:
    """`dataclass`, `field`: the last name of a decorator or a call's function."""
    if isinstance(decorator, ast.Call):
        decorator = decorator.func
    if isinstance(decorator, ast.Attribute):
        return decorator.attr
    return decorator.id if isinstance(decorator, ast.Name) else ""


def dataclass_fields(cls: ast.ClassDef) -> list[str] | None:
    """The constructor's fields, in order, of a dataclass or a typing.NamedTuple; None for other classes."""
    named_tuple = any(isinstance(b, ast.Name) and b.id == "NamedTuple"
                      or isinstance(b, ast.Attribute) and b.attr == "NamedTuple" for b in cls.bases)
    if not named_tuple and not any(callee_name(d) == "dataclass" for d in cls.decorator_list):
        return None
    names = []
    for stmt in cls.body:
        if not (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)):
            continue
        annotation = ast.unparse(stmt.annotation)
        if "ClassVar" in annotation or "InitVar" in annotation:
            continue
        value = stmt.value
        if isinstance(value, ast.Call) and callee_name(value) == "field" and any(
                k.arg == "init" and isinstance(k.value, ast.Constant) and k.value.value is False for k in value.keywords):
            continue
        names.append(stmt.target.id)
    return names


def stored_keys(mapping: V.Sequence, key: ast.expr) -> list | None:
    """A mapping's keys once `mapping["log"] = value` adds one more item: the keys it was made with (a dict
    literal's or `dict(...)`'s constant names, or the ones kept so far) and this one, so that `**mapping` later
    passes that keyword. None when a key is not a constant string (from then on the added items' keys are
    unknown: `**mapping` gives only the keys it was made with)."""
    known, node = mapping.keys, mapping.node
    if known is None and isinstance(node, ast.Dict) \
            and all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.keys):
        known = [k.value for k in node.keys]
    elif known is None and isinstance(node, ast.Call) and not node.args and all(k.arg for k in node.keywords):
        known = [k.arg for k in node.keywords]
    if known is None or len(known) != len(mapping.items) \
            or not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
        return None
    return [*known, key.value]


def _keyword_items(value, resolve) -> dict | None:
    """`**mapping`: its keys and values, when it is a dict literal or `dict(key=...)` we followed."""
    if resolve is not None:
        value = resolve(value)
    if type(value) is not V.Sequence or not value.mapping:
        return None
    if value.keys is not None and len(value.keys) == len(value.items):  # `**options` of the callers' keywords
        return dict(zip(value.keys, value.items))
    node = value.node
    if isinstance(node, ast.Dict) and all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.keys) \
            and len(value.items) >= len(node.keys):
        return {k.value: v for k, v in zip(node.keys, value.items)}
    if isinstance(node, ast.Call) and not node.args and all(k.arg for k in node.keywords):
        return {k.arg: v for k, v in zip(node.keywords, value.items)}
    return None
