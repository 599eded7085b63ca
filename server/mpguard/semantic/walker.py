"""One pass over a module: evaluate expressions abstractly and record multiprocessing facts.

The walker is deliberately flow-light: statements are visited in source order, each scope
keeps a name -> abstract value map, and the last binding wins. Function bodies are walked
after the module body (as pyflakes defers them), so they see every module-level binding.

The statements are walked here, their expressions in `core.expressions`. The same pass builds the
tree index (`core.index`): a traversal of its own cost a sixth of the analysis, while the walker
reaches nearly every node anyway.
"""
from __future__ import annotations

import ast
from collections import deque

from mpguard.semantic.local_values import none_defaulted
from mpguard.semantic import values as V
from mpguard.semantic.expressions import TEST_NODES, FUNCS, ExpressionWalker
from mpguard.semantic.boundaries import proxy_call_objects
from mpguard.semantic.facts import Effect, FunctionInfo, ModuleFacts, Op, Where
from mpguard.semantic import conditions, context_choices, param_calls
from mpguard.semantic.registries import Tables
from mpguard.semantic.calls import call_method, container_call, enter_foreign, evaluate_call, settle_tasks_per_child
from mpguard.semantic.returns import decoration, made_decorator
from mpguard.semantic.command_groups import replacing_decorator
from mpguard.semantic.pending_contexts import settle_contexts
from mpguard.semantic.chosen_defs import settle_choices
from mpguard.semantic import branch_choices
from mpguard.semantic.iteration import iterate
from mpguard.semantic.flow import CallSite, Flow, dataclass_fields, element, iterated, stored_keys, union, unpack
from mpguard.semantic.library_calls import forget_under_callers_settings, settle_backends, settle_counts
from mpguard.semantic.index import (
    AST,
    SCOPES,
    ScopeInfo,
    TreeIndex,
    bound_names,
    child_fields,
    nodes_in,
    parameters,
)
from mpguard.semantic import caught
from mpguard.semantic.class_stores import classmethod_owner, only_class_store
from mpguard.semantic.names import ImportMap, api_kind, is_main_guard
from mpguard.semantic.pickle_catalog import refused


class Scope(dict):
    """One scope's bindings, looked up through the enclosing scopes' (a ChainMap's behaviour at a
    plain dict's speed: the walker reads and writes names for nearly every node)."""

    __slots__ = ("outer",)

    def __init__(self, outer: tuple = ()):  # dict's own __init__ has nothing to do for an empty scope
        self.outer = outer  # innermost first, the module's last

    def new_child(self) -> Scope:
        return Scope((self, *self.outer))

    def find(self, name: str):
        if name in self:
            return self[name]
        for scope in self.outer:
            if name in scope:
                return scope[name]
        return None


class Walker(ExpressionWalker):
    def __init__(self, tree: ast.Module, imports: ImportMap, resolver=None, keep_param_counts: bool = False):
        self.tree = tree
        self.imports = imports
        self.resolver = resolver
        # keep the pools whose worker count is a parameter no call of the module settles, as if a caller gave a
        # count that starts processes (linter/site_findings: what such a helper's pools meet, asked for a caller
        # of another module that gives one)
        self.keep_param_counts = keep_param_counts
        self.facts = ModuleFacts()
        self.order = 0
        # The tree index is built by this walk (one pass, not two): whatever a node's handler evaluates
        # indexes itself, the rest is handed to `index.fill`. The handler links the node's children to
        # it before evaluating them, so `parents` already holds every ancestor of the node at hand.
        self.index = TreeIndex()
        self.parents = self.index.parents
        self._bound, self._scopes = self.index.bound, self.index.scopes
        self._guarded = False  # the index's guard (Load.guarded): under the module's own main guard
        self._broken = False  # a statement too deep to walk: the index is rebuilt from the tree
        self._maybe_local: list = []  # (effect, function, name): a write dropped if `name` is local
        self._done: set = set()  # functions whose body has been walked
        self._yields: dict = {}  # function not walked yet -> does it yield (see has_yield)
        self.pending: deque[tuple[ast.AST, Scope, str, bool]] = deque()
        self.class_kinds: dict[ast.ClassDef, str] = {}
        # `self.pool = Pool()` in one method, `self.pool.map(...)` in another.
        self.instance_attrs: dict[tuple[ast.ClassDef, str], object] = {}
        # (class, name) -> the value its body binds, for data with no call in it (see _class_data)
        self.class_attrs: dict[tuple[ast.ClassDef, str], object] = {}
        # (class, name) -> what a classmethod stores in `cls.<name>` (`cls._ctx = get_context(cls._method)` in
        # setUpClass), when that is the module's only store of the attribute (semantic/class_stores)
        self.class_stores: dict[tuple[ast.ClassDef, str], object] = {}
        self.return_summaries: dict = {}  # a function's body, read once however often it is called
        # `with parallel_config(backend=options["backend"]):` -> its evaluated arguments, for the library calls
        # in its body that read the setting (semantic/library_calls._enclosing_setting)
        self.entered_calls: dict = {}  # ast.Call -> (args, kwargs) as evaluated
        self._entering = None  # the context call being evaluated by `_with`
        self.delayed_partials: set = set()  # id() of the `delayed(f)` values made (joblib, dask)
        # id() of the class a classmethod's `cls` holds (or the instance a method's `self` holds) -> (the method, the
        # parameter's name, the value): `cls.X` that a subclass overrides is read off the class each call is made on
        # (expressions._receiver_attribute), a dataclass field through `self` off the object (expressions.attribute)
        self.cls_bindings: dict = {}
        self._once: dict = {}  # facts about the whole module that some calls need, made on first use (see once)
        self.tables = self.facts.tables = Tables(resolver)  # registries filled by decorators and register() calls

    def once(self, key: str, make):
        """A fact about this module (`make()`), made when a call first needs it and kept for the walk: a module
        that never needs it never pays for it (does it change sys.path, which loggers it names)."""
        try:
            return self._once[key]
        except KeyError:
            made = self._once[key] = make()
            return made

    # ---- entry ------------------------------------------------------------------------
    def run(self) -> ModuleFacts:
        env = self.facts.module_env = Scope()
        self.body(self.tree.body, env, Where(None, False, 0), self.tree)
        while self.pending:
            func, scope_env, _kind, self._guarded = self.pending.popleft()
            local = scope_env.new_child()
            scope = self._scopes[func]
            if type(func) is ast.Lambda:
                local.update(dict.fromkeys(scope.params))
                self.expr(func.body, local, Where(func, False, self._tick()))
                continue
            # A parameter holds what the callers pass: resolved through the call sites when a rule asks.
            args = func.args
            for name in scope.params:
                local[name] = V.Param(func, func, name)
            if args.vararg is not None:
                local[args.vararg.arg].kind = "vararg"
            if args.kwarg is not None:
                local[args.kwarg.arg].kind = "kwarg"
            positional = func.args.args
            cls = self._self_class("self", func) if positional and positional[0].arg == "self" else None
            if cls is not None:  # `self` in a method: an instance of the enclosing class
                bound = local["self"] = V.Instance(func, V.Callable(cls, self.class_kinds.get(cls, "module"), cls.name, cls))
                self.cls_bindings[id(bound)] = (func, "self", bound)
            owner = self._classmethod_class(func, positional[0].arg) if positional else None
            if owner is not None:  # `cls` in a classmethod: the class (`return cls(path, conn=...)` makes one)
                bound = local[positional[0].arg] = V.Callable(owner, self.class_kinds.get(owner, "module"), owner.name, owner)
                self.cls_bindings[id(bound)] = (func, positional[0].arg, bound)
            self.body(func.body, local, Where(func, False, self._tick()), func)
            self._done.add(func)
        self._finish()
        return self.facts

    def _finish(self) -> None:
        """What only the whole walk knows: each function's locals."""
        if self._broken:
            self.index = TreeIndex(self.tree)
            self.parents = self.index.parents
        else:
            self.index.finish()
        module = self.facts.module_env
        evaluate = lambda e, func, args, kwargs, w: evaluate_call(self, e, func, args, kwargs, module, w)  # noqa: E731
        if self.facts.result_calls:  # first: the call sites they make may pass what a parameter note adds
            flow = Flow(self.facts.call_sites, self.facts.functions, lineage=self.facts.lineage)
            param_calls.replay_on_results(self.facts.result_calls, flow.resolve, evaluate)
        param_calls.replay(self.facts.param_notes, self.facts.call_sites, self._attribute_of, container_call)
        if self.facts.param_calls:
            flow = Flow(self.facts.call_sites, self.facts.functions, lineage=self.facts.lineage)
            param_calls.call_on_passed(self.facts.param_calls, self.facts.call_sites, flow.resolve, evaluate)
        if self.facts.item_calls:  # `self.config["pool_cls"](n)`: the callers say which class
            flow = Flow(self.facts.call_sites, self.facts.functions, lineage=self.facts.lineage)
            param_calls.construct_items(self.facts.item_calls, flow.resolve, evaluate)
        if self.facts.pending_pools:  # `Parallel(backend=self.settings["backend"])`: the call sites say which
            # (`scheduler=self.scheduler`: what the object's methods stored, each store's value as its callers give it)
            stored = {}
            for (cls, name), value in self.instance_attrs.items():
                stored.setdefault(cls, []).append((name, value))
            flow = Flow(self.facts.call_sites, self.facts.functions, lineage=self.facts.lineage, attributes=stored)
            settle_backends(self.facts, flow.resolve)
        if self.facts.pending_counts:  # `ds.map(f, num_proc=data_args.num_workers)`: the call sites say how many
            settle_counts(self.facts, Flow(self.facts.call_sites, self.facts.functions,
                                           lineage=self.facts.lineage).resolve, self.keep_param_counts)
        if self.facts.pending_choices:  # `executor = get_executor(self.config["mode"])`: the call sites say which
            settle_choices(self.facts, self.parents)
        if self.facts.pending_contexts:  # `get_context(config.get("start_method"))`: the call sites say which
            settle_contexts(self.facts, Flow(self.facts.call_sites, self.facts.functions,
                                             lineage=self.facts.lineage).resolve)
        if self.facts.tasks_per_child_params:
            settle_tasks_per_child(self.facts)
        if self.facts.defaulted_pools:  # `Parallel()` in a function some caller runs under `parallel_config`
            forget_under_callers_settings(self)
        # `if dummy: from multiprocessing.dummy import Pool`, `if not dummy: Pool(...)`: the callers say which
        if self.facts.branch_objects or branch_choices.has_spawners(self.facts):
            branch_choices.settle(self.facts, self.tree, self.parents)
        attributes = self.facts.instance_attributes
        for (cls, name), value in self.instance_attrs.items():
            attributes.setdefault(cls, []).append((name, value))
        scopes = self.index.scopes
        local = {id(effect) for effect, func, name in self._maybe_local if name in scopes[func].stores}
        if local:
            self.facts.effects = [effect for effect in self.facts.effects if id(effect) not in local]

    def _attribute_of(self, instance: V.Instance, name: str):
        """A field or an attribute stored in `self` of an instance, as the walk left it (None if unknown)."""
        if instance.fields is not None and name in instance.fields:
            return instance.fields[name]
        cls = instance.cls.definition if instance.cls is not None else None
        if type(cls) is not ast.ClassDef:
            return None
        return next((self.instance_attrs[(c, name)] for c in self.facts.lineage(cls) if (c, name) in self.instance_attrs),
                    None)

    def has_yield(self, func) -> bool:
        """Does a function of this module yield? Asked of functions not walked yet, too (a function
        that calls itself asks for every call in its body: the scan is kept)."""
        if func in self._done:
            return self._scopes[func].has_yield
        found = self._yields.get(func)
        if found is None:
            found = self._yields[func] = _yields(func)
        return found

    def _tick(self) -> int:
        self.order += 1
        return self.order

    # ---- statements -------------------------------------------------------------------
    def body(self, stmts, env, where: Where, owner) -> None:
        function, guarded, pools, loop = where.function, where.guarded, where.pools, where.loop
        parents = self.parents
        for stmt in stmts:
            self.order += 1
            parents[stmt] = owner
            try:
                if type(stmt) is ast.Expr:  # the commonest statement: a call
                    parents[stmt.value] = stmt
                    if type(stmt.value) is not ast.Constant:
                        self.expr(stmt.value, env, Where(function, guarded, self.order, pools, loop))
                    elif stmt.value.end_lineno != stmt.value.lineno:  # a docstring: nothing to evaluate
                        self.index.long_strings.append(stmt.value)
                    continue
                _STATEMENTS.get(type(stmt), Walker._other)(self, stmt, env, Where(function, guarded, self.order,
                                                                                  pools, loop))
            except RecursionError:
                # An expression too deep for this walker (CPython compiles 1,000-term chains) costs
                # only the statement that holds it, not the whole file.
                self._broken = True

    def _fill(self, parent, items, w: Where) -> None:
        """Index what the walk does not evaluate (annotations, defaults, patterns, class bodies...)."""
        self.index.fill(parent, items if type(items) is list else (items,), w.function, self._guarded)

    def _import(self, s, env, w: Where) -> None:
        self._fill(s, s.names, w)
        for local, qualified in self.imports.add(s) if w.function is None else ImportMap(self.imports.package).add(s):
            env[local] = V.ModuleRef(s, qualified)
            if w.guarded:  # imported only under the guard: absent in a re-imported child
                self.facts.effects.append(Effect("global-write", s, w, (local, "import", s)))
        self.facts.effects.append(Effect("import", s, w, s))

    def _assign(self, s, env, w: Where) -> None:
        parents = self.parents
        parents[s.value] = s
        value = self.expr(s.value, env, w)
        if value is None and type(s.value) in TEST_NODES:  # `HAS_FORK = hasattr(os, "fork")`: a platform flag
            where = conditions.platforms_where(s.value, self.imports, lambda n: env.find(n.id),
                                               lambda f: self.defined_function(env, f))
            if where is not None:
                value = V.PlatformFlag(s.value, where)
        for target in s.targets:
            parents[target] = s
            self.bind(target, value, env, w, s)

    def _annotated_assign(self, s, env, w: Where) -> None:
        self._fill(s, s.annotation, w)
        if s.value is not None:
            self.parents[s.value] = self.parents[s.target] = s
            self.bind(s.target, self.expr(s.value, env, w), env, w, s)
        else:
            self._fill(s, s.target, w)

    def _augmented_assign(self, s, env, w: Where) -> None:
        self.parents[s.value] = s
        self.expr(s.value, env, w)
        self._fill(s, s.target, w)
        self.record_write(s.target, env, w, s, "augassign")

    def _with(self, s, env, w: Where) -> None:
        pools = w.pools
        parents = self.parents
        for item in s.items:
            parents[item] = s
            parents[item.context_expr] = item
            self._entering = item.context_expr
            value = self.expr(item.context_expr, env, w)
            entered = self._entered(value)
            if type(value) is V.Instance and type(item.context_expr) is ast.Call:
                # the statement calls the class's `__enter__` (what it stores in `self` and starts happens here);
                # the target binds what it returns (the object itself, told above, or that call's result)
                called = self._enter_call(value, item.context_expr, w)
                entered = called if entered is None else entered
            elif type(value) is V.Returned:
                enter_foreign(self, item, value, w)
            if item.optional_vars is not None:
                parents[item.optional_vars] = item
                self.bind(item.optional_vars, entered, env, w, s)
            if isinstance(value, V.MPObject) and value.kind in ("Pool", "Executor", "Manager"):
                pools = (*pools, (s, value))
                self.facts.effects.append(Effect("with", s, w, value))
        self.body(s.body, env, Where(w.function, w.guarded, w.order, pools, w.loop), s)
        self.facts.effects.append(Effect("with-exit", s, Where(w.function, w.guarded, self._tick(), w.pools, w.loop), pools))

    def _made_at_class_definition(self, stmt) -> bool:
        """A class-body `name = call(...)` the walk may evaluate (it runs when the class statement does: at import
        for a module-level class): a Pool or Manager (`pool = multiprocessing.Pool(2)`), or an object pickle refuses
        made by a catalog call with constant arguments (`conn = sqlite3.connect(":memory:")`, then `Store.conn`
        handed to a task; pickling an instance leaves class attributes out: only an explicit read sends it)."""
        if not (type(stmt) is ast.Assign and len(stmt.targets) == 1 and type(stmt.targets[0]) is ast.Name
                and type(stmt.value) is ast.Call and type(stmt.value.func) in (ast.Name, ast.Attribute)):
            return False
        call = stmt.value
        qualified = self.imports.qualify(call.func)
        if api_kind(qualified) in ("Pool", "Manager"):
            return True
        if api_kind(qualified) == "get_context" and all(type(a) is ast.Constant for a in call.args) \
                and not call.keywords:
            return True  # `_ctx = multiprocessing.get_context("spawn")`: a context, made when the class is
        if qualified and self.resolver is not None and (
                self.resolver.definition_kind(qualified) == "function"
                or getattr(self.resolver, "class_definition", lambda _q: None)(qualified) is not None):
            # a class or function of another project module, called when the class statement runs
            # (`model = PowderModel(peaks)` in a TestCase body, whose __init__ starts a Pool: xrayutilities #121)
            return True
        return all(type(a) is ast.Constant for a in (*call.args, *(k.value for k in call.keywords))) \
            and refused(qualified) is not None

    def _enter_call(self, value: V.Instance, e: ast.Call, w: Where):
        """`with WithPool(n) as pool:` of a class of this module: a call of its `__enter__` (it runs here: a Pool
        it makes starts here, asap-modules #125; an executor it stores in `self` is made here), whose result the
        target binds when it does not return itself."""
        cls = value.cls.definition if value.cls is not None else None
        if type(cls) is not ast.ClassDef:
            return None
        for c in self.facts.lineage(cls):
            enter = next((f for f in getattr(c, "body", ()) if type(f) is ast.FunctionDef and f.name == "__enter__"), None)
            if enter is not None:
                return call_method(self, e, V.Callable(e, "method", f"{c.name}.__enter__", enter), w)
        return None

    def _entered(self, value):
        """What `with <value> as name` binds: what its __enter__ returns. The object itself for what the
        analysis knows returns itself (pools, executors, files, locks: not a class of the program), and for
        an instance of a class of this module whose __enter__ returns `self`; unknown for anything else
        (optuna's StorageSupplier returns the storage it opens, not itself: a false alarm of sweep 1)."""
        kind = type(value)
        if kind is V.Union:
            return union(self._entered(option) for option in value.options)
        if kind is V.Returned:  # an object of another module's class: itself when its __enter__ returns `self`
            return value if self._enters_itself(value.qualified) else None
        if kind is not V.Instance:  # (a value known later keeps what it resolves to: a pool a helper makes)
            return value
        cls = value.cls.definition if value.cls is not None else None
        if type(cls) is not ast.ClassDef:
            return None
        for c in self.facts.lineage(cls):
            enter = next((f for f in getattr(c, "body", ()) if isinstance(f, FUNCS) and f.name == "__enter__"), None)
            if enter is not None:
                returns = [n for n in nodes_in(enter) if type(n) is ast.Return]
                itself = enter.args.args[0].arg if enter.args.args else "self"
                return value if returns and all(isinstance(r.value, ast.Name) and r.value.id == itself
                                                for r in returns) else None
        return None

    def _enters_itself(self, qualified: str) -> bool:
        """Is `qualified` a class of another project module whose own `__enter__` returns `self` (and only it)
        (an executor class wrapping a pool: `with PoolExecutor(2) as ex: ex.submit(...)` calls its methods)."""
        found = getattr(self.resolver, "class_definition", None)
        found = found(qualified) if found is not None else None
        if found is None:
            return False
        enter = next((f for f in found[0].body if isinstance(f, FUNCS) and f.name == "__enter__"), None)
        if enter is None or not enter.args.args:
            return False
        itself = enter.args.args[0].arg
        returns = [n for n in nodes_in(enter) if type(n) is ast.Return]
        return bool(returns) and all(isinstance(r.value, ast.Name) and r.value.id == itself for r in returns)

    def _if(self, s, env, w: Where) -> None:
        guard = w.function is None and not w.guarded and is_main_guard(s.test)
        self.parents[s.test] = s
        self.expr(s.test, env, w)
        inner = Where(w.function, w.guarded or guard, w.order, w.pools, w.loop)
        conditional = _allow_none_check(s.test)
        mark = len(self.facts.start_methods)
        outside = self._guarded
        where = None if guard or type(s.test) not in TEST_NODES else \
            conditions.platforms_where(s.test, self.imports, lambda n: env.find(n.id),
                                       lambda f: self.defined_function(env, f))
        before = None
        methods = None if guard else conditions.methods_where(s.test)
        if methods is not None:
            self.facts.branch_methods[s] = methods
        if where is not None:  # each branch binds names for its own platforms
            self.facts.branch_platforms[s] = where
            before = dict(env)
        # a test of the function's parameters: each branch may bind a name to its own import (branch_choices)
        chosen = dict(env) if before is None and w.function is not None and \
            branch_choices.may_choose(s.test, w.function, self.parents) else None
        # The index's guard: the main guard among the module's own statements (not one nested in a block).
        self._guarded = outside or (w.function is None and self.parents.get(s) is self.tree and is_main_guard(s.test))
        self.body(s.body, env, inner, s)
        self._guarded = outside
        if conditional:
            for call in self.facts.start_methods[mark:]:
                call.conditional = True
        if chosen is not None and branch_choices.binds_choice(self.facts, chosen, env):
            inside = dict(env)
            env.clear()
            env.update(chosen)
            self.body(s.orelse, env, w, s)
            branch_choices.merge_branches(self.facts, env, chosen, inside, s, w.function)
            return
        if before is None:
            self.body(s.orelse, env, w, s)
            return
        inside = dict(env)
        env.clear()
        env.update(before)
        self.body(s.orelse, env, w, s)
        _merge_branches(env, before, inside, where)
        body_exits, else_exits = conditions.exits(s.body), conditions.exits(s.orelse)
        if body_exits != else_exits:  # `if sys.platform == "win32": return`: the rest runs elsewhere
            self._restrict_rest(s, conditions.EVERYWHERE - where if body_exits else where)

    def _restrict_rest(self, s, where: frozenset) -> None:
        """The statements after `s` in its block run only on `where` (a platform test in `s` left the block)."""
        owner = self.parents.get(s)
        after = self.facts.after_exit
        for name in ("body", "orelse", "finalbody"):
            block = getattr(owner, name, None)
            if type(block) is list and any(stmt is s for stmt in block):
                index = next(i for i, stmt in enumerate(block) if stmt is s)
                for stmt in block[index + 1:]:
                    after[stmt] = after.get(stmt, conditions.EVERYWHERE) & where
                return

    def _for(self, s, env, w: Where) -> None:
        self.parents[s.iter] = self.parents[s.target] = s
        iterable = self.expr(s.iter, env, w)
        if type(s) is ast.For:  # (`async for` calls __aiter__)
            iterate(self, s.iter, env, w, iterable)
        self.bind(s.target, iterated(iterable), env, w, s)
        self.body(s.body, env, Where(w.function, w.guarded, w.order, w.pools, True), s)
        self.body(s.orelse, env, w, s)

    def _while(self, s, env, w: Where) -> None:
        self.parents[s.test] = s
        self.expr(s.test, env, w)
        self.body(s.body, env, Where(w.function, w.guarded, w.order, w.pools, True), s)
        self.body(s.orelse, env, w, s)

    def _try(self, s, env, w: Where) -> None:
        mark = len(self.facts.start_methods)
        before = dict(env) if s.handlers else None
        info = self.facts.functions.get(w.function)
        returns_mark = len(info.returns) if info is not None else 0
        effects_mark, calls_mark = len(self.facts.effects), len(self.facts.project_calls)
        self.body(s.body, env, w, s)
        # `try: get_context("fork") except ValueError:` is a feature test: the body holds where fork
        # exists, the handler runs on Windows.
        feature_test = before is not None and conditions.asks_for_posix_method(self.facts.start_methods[mark:]) \
            and any(conditions.catches_missing_method(h) for h in s.handlers)
        if feature_test:
            self.facts.branch_platforms[s] = conditions.POSIX
            if info is not None:  # the body's returns were walked before the test was known to be one
                for _value, node in info.returns[returns_mark:]:
                    self._note_return_reach(node, w)
            inside = dict(env)
            env.clear()
            env.update(before)
        for handler in s.handlers:
            self.parents[handler] = s
            if handler.type is not None:
                self._fill(handler, handler.type, w)
            bound = None
            if handler.name:  # (Python unbinds the name when the clause ends)
                # what the body raised and the clause catches (semantic/caught: its attributes are pickled with it),
                # and the clause's own binding (values.Caught: which raises it takes, rules/caught_results)
                caught_here = V.Caught(handler, handler, s)
                raised = self._caught(s, handler, effects_mark, calls_mark, w)
                bound = env[handler.name] = union([caught_here, raised]) if raised is not None else caught_here
            self.body(handler.body, env, w, handler)
            if handler.name and bound is not None and env.get(handler.name) is bound:
                del env[handler.name]
        if feature_test:
            _merge_branches(env, before, inside, conditions.POSIX)
            if all(conditions.exits(h.body) for h in s.handlers) and not conditions.exits(s.body):
                self._restrict_rest(s, conditions.POSIX)  # `except ValueError: return`
        self.body(s.orelse, env, w, s)
        self.body(s.finalbody, env, w, s)

    def _caught(self, s, handler, effects_mark: int, calls_mark: int, w: Where):
        """The exceptions of the `try` body `handler` catches, as one value (None when none is known)."""
        names = caught.handler_names(handler)
        found = []
        for effect in self.facts.effects[effects_mark:]:
            if effect.kind == "raise" and effect.where.function is w.function \
                    and caught.in_own_body(effect.node, s, self.parents):
                found.append((caught.class_name(effect.detail), effect.detail))
        for call, qualified, args, kwargs, where in self.facts.project_calls[calls_mark:]:
            if where.function is w.function and caught.in_own_body(call, s, self.parents):
                found.extend(caught.raised_by_call(self.resolver, qualified, args, kwargs, handler))
        return union([value for name, value in found if name is not None and (names is None or name in names)])

    def _return(self, s, env, w: Where) -> None:
        value = None
        if s.value is not None:
            self.parents[s.value] = s
            value = self.expr(s.value, env, w)
        info = self.facts.functions.get(w.function)
        if info is not None:
            info.returns.append((value, s))
            self._note_return_reach(s, w)
            if context_choices.gives_context(value):
                self._note_return_choice(s, w)

    def _note_return_choice(self, s: ast.Return, w: Where) -> None:
        """Whether a `return` of a context is chosen by a test of the start method set or of the environment
        (`facts.return_choice`, semantic/context_choices)."""
        choice = context_choices.choice_of(s, w.function, self.parents, self.imports,
                                           lambda: self.once("sets start method", self._sets_start_method),
                                           self._once.setdefault("assignments", {}))
        if choice is not None:
            self.facts.return_choice[s] = choice

    def _sets_start_method(self) -> bool:
        """Does the module call set_start_method anywhere (a call of that name, by any spelling)?"""
        for node in ast.walk(self.tree):
            if type(node) is ast.Call:
                func = node.func
                name = func.attr if type(func) is ast.Attribute else func.id if type(func) is ast.Name else None
                if name == "set_start_method":
                    return True
        return False

    def _note_return_reach(self, s: ast.Return, w: Where) -> None:
        """The platforms on which a `return` under platform tests runs (`facts.return_reach`)."""
        if self.facts.branch_platforms:
            reach = conditions.reach_in_function(s, self.parents, self.facts.branch_platforms,
                                                 self.facts.after_exit, w.function)
            if reach != conditions.EVERYWHERE:
                self.facts.return_reach[s] = reach

    def _raise(self, s, env, w: Where) -> None:
        value = None
        if s.exc is not None:
            self.parents[s.exc] = s
            value = self.expr(s.exc, env, w)
        if s.cause is not None:
            self._fill(s, s.cause, w)
        self.facts.effects.append(Effect("raise", s, w, value))

    def _expression(self, s, env, w: Where) -> None:
        self.parents[s.value] = s
        self.expr(s.value, env, w)

    def _delete(self, s, env, w: Where) -> None:
        self._fill(s, s.targets, w)
        for target in s.targets:
            self.record_write(target, env, w, s, "delete")

    def _match(self, s, env, w: Where) -> None:
        self.parents[s.subject] = s
        self.expr(s.subject, env, w)
        for case in s.cases:
            self.parents[case] = s
            self._fill(case, [case.pattern, case.guard] if case.guard is not None else [case.pattern], w)
            self.body(case.body, env, w, case)

    def _global(self, s, env, w: Where) -> None:
        if w.function is not None:
            self._scopes[w.function].globals.update(s.names)

    def _other(self, s, env, w: Where) -> None:
        self._rest(s, env, w)

    def _rest(self, node, env, w: Where) -> None:
        """Evaluate the expressions under `node` and index whatever else is there."""
        parents = self.parents
        for name in child_fields(type(node)):
            value = getattr(node, name, None)
            for item in value if type(value) is list else (value,):
                if isinstance(item, ast.expr):
                    parents[item] = node
                    self.expr(item, env, w)
                elif isinstance(item, AST):
                    self._fill(node, item, w)

    def define(self, s, env, w: Where) -> None:
        kind = "module" if w.function is None and not w.guarded else "guard" if w.function is None else "nested"
        if w.function is not None and isinstance(w.function, ast.ClassDef):
            kind = "method"
        elif kind == "nested" and s.name in self._scopes[w.function].globals:
            # `global f` then `def f(...)` in a function (vip-hci's cosmetics.py) binds the module's `f`, whose
            # __qualname__ is plain 'f': pickle finds it by name like any module function
            kind = "module"
        parents = self.parents
        if kind == "nested":  # a def or class in a function's body: a local of that function, like `x = ...`
            self._scopes[w.function].stores.add(s.name)
        if isinstance(s, ast.ClassDef):
            env[s.name] = self._define_class(s, env, w, {"nested": "local_class"}.get(kind, kind), s.name)
            return
        decorators = []
        for decorator in s.decorator_list:
            parents[decorator] = s
            decorators.append(self.expr(decorator, env, w))
            where = conditions.skip_marker(decorator, self.imports, lambda n: env.find(n.id))
            if where is not None:  # a test skipped on some platforms runs only on the others
                self.facts.branch_platforms[s] = where & self.facts.branch_platforms.get(s, conditions.EVERYWHERE)
        defaults = self._function_scope(s, w, env)
        self.facts.functions[s] = FunctionInfo(s, s.name, kind, defaults=defaults)
        value = V.Callable(s, kind, s.name, s)
        wrapped = self.decorated(s, env, w) if s.decorator_list else None
        if type(wrapped) is V.Instance:  # (module level only: the object of a decorator of this module)
            value = wrapped if kind == "module" else value
        elif wrapped is not None and (kind == "module" or wrapped.kind == "module"):
            wrapped.kind = kind if wrapped.kind == "module" else wrapped.kind
            value = wrapped
        env[s.name] = value
        for decorator in s.decorator_list:  # `@registry.register("download")`: the def is that registry's item
            self.tables.decorated(decorator, value)
        self._decorations(s, decorators, value, env, w)
        if len(s.decorator_list) == 1 and type(s.decorator_list[0]) is ast.Call and type(value) is V.Callable:
            self._factory_applied(s.decorator_list[0], s, value, env, w)
        if w.function is not None:
            self.facts.closure_envs[s] = env
        self.pending.append((s, env, kind, self._guarded))

    def _define_class(self, s, env, w: Where, kind: str, name: str):
        """A class definition: its bases, its body's data and methods, and the classes nested in its body (`class
        Manager: class Worker(multiprocessing.Process): ...`, made as `self.Worker(...)`; pickled by their qualified
        name, `Manager.Worker`). The class's value."""
        parents = self.parents
        self.class_kinds[s] = kind
        value = V.Callable(s, kind, name, s)
        for base in s.bases:
            parents[base] = s
            inherited = self.expr(base, env, w)
            if type(inherited) is V.Callable and type(inherited.definition) is ast.ClassDef:
                self.facts.class_bases.setdefault(s, []).append(inherited.definition)
        self._bound += bound_names(s)
        self._fill(s, [*s.keywords, *s.decorator_list, *getattr(s, "type_params", ())], w)
        data = [stmt for stmt in s.body if (_class_data(stmt) and not _reads_class_name(stmt, s))
                or self._made_at_class_definition(stmt)]
        nested = [stmt for stmt in s.body if type(stmt) is ast.ClassDef]
        self._fill(s, [stmt for stmt in s.body if not isinstance(stmt, (*FUNCS, ast.ClassDef)) and stmt not in data],
                   w)
        for stmt in data:  # `PARSERS = {".ini": lambda t: ...}`: read through `self.PARSERS[ext]`
            parents[stmt] = s
            parents[stmt.value] = stmt
            targets = stmt.targets if type(stmt) is ast.Assign else [stmt.target, stmt.annotation]
            self._fill(stmt, targets, w)
            self.class_attrs[(s, targets[0].id)] = self.expr(stmt.value, env, w)
        for stmt in s.body:
            if isinstance(stmt, FUNCS):
                parents[stmt] = s
                for decorator in stmt.decorator_list:  # a test method skipped on some platforms
                    where = conditions.skip_marker(decorator, self.imports, lambda n: env.find(n.id))
                    if where is not None:
                        self.facts.branch_platforms[stmt] = where
                defaults = self._function_scope(stmt, w, env)
                self.facts.functions[stmt] = FunctionInfo(stmt, f"{name}.{stmt.name}", "method",
                                                          defaults=defaults)
                self.pending.append((stmt, env, "method", self._guarded))
        for stmt in nested:
            parents[stmt] = s
            self.class_attrs[(s, stmt.name)] = self._define_class(stmt, env, w, kind, f"{name}.{stmt.name}")
        return value

    def _decorations(self, s, decorators: list, value, env, w: Where) -> None:
        """`@app.task` (a method of an object another project module made) or `@register` (another module's
        function) applied bare: that callable is called with the function (facts.decorations); `@app.fit("q")`,
        `@register("name")`: the decorator that call returns is (facts.factory_decorations)."""
        if self.resolver is None:
            return
        for decorator, target in zip(s.decorator_list, decorators):
            applied = type(decorator) is ast.Call
            if applied:  # `@register("name")`: the decorator the factory's call returns is applied to the function
                target = self.lookup(decorator.func, env)
            if type(target) is V.BoundMethod and type(target.instance) is V.Returned:
                qualified = f"{target.instance.qualified}.{target.name}"
                # (the object it is applied on: what its constructor fixed may decide, semantic/receiver_attributes)
                self.facts.receivers[(id(decorator), qualified)] = target.instance
            elif type(target) is V.ModuleRef:
                qualified = target.qualified
            else:
                continue
            (self.facts.factory_decorations if applied else self.facts.decorations).append(
                (decorator, qualified, [(s, value)], {}, w))

    def _function_scope(self, func, w: Where, env=None) -> dict:
        """Index a def's own parts before its body is walked: its names, its scope, and the annotations
        and defaults that the enclosing scope evaluates (a method's decorators too: not walked)."""
        a = func.args
        parents = self.parents
        parents[a] = func
        params = []
        for arg in parameters(a):
            parents[arg] = a
            params.append(arg.arg)
            if arg.annotation is not None:
                self._fill(arg, arg.annotation, w)
        defaults = {}
        if a.defaults or a.kw_defaults:
            positional = [p.arg for p in (*getattr(a, "posonlyargs", ()), *a.args)]
            named = [*positional[len(positional) - len(a.defaults):],
                     *(p.arg for p, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None)]
            given = [d for d in (*a.defaults, *a.kw_defaults) if d is not None]
            kept = [d for d in given if env is None or not _evaluated_default(d, self.imports)]
            self._fill(a, kept, w)
            for name, default in zip(named, given):
                if default not in kept:  # the enclosing scope evaluates it when the def runs: its value
                    parents[default] = a
                    defaults[name] = self.expr(default, env, w)
        params = tuple(params)
        if type(func) is not ast.Lambda:
            self._bound.append(func.name)
            if func.decorator_list and type(parents[func]) is ast.ClassDef:
                self._fill(func, func.decorator_list, w)
            if func.returns is not None:
                self._fill(func, func.returns, w)
            type_params = getattr(func, "type_params", None)  # Python 3.12+: the def's own scope
            if type_params:
                self.index.fill(func, type_params, func, self._guarded)
        self._bound += params
        self._scopes[func] = ScopeInfo(set(params), params)
        return defaults

    def decorated(self, s, env, w: Where) -> V.Value | None:
        """What the module-level name holds once the decorators ran, when that is not the function pickle
        finds by its name: a decorator (or the decorator a factory's call hands out: `@returns(int)`) that
        returns its own nested function without functools.wraps, or an object of its module's class keeping
        the function (`WrappedFunction(func)`, a dataclass `TaskSpec(func.__name__, func)`: the name holds the
        object, so the function it keeps is "not the same object as __main__.f")."""
        imported = []
        for decorator in s.decorator_list:
            replaced = replacing_decorator(decorator, self.imports, self.tree) if w_module(self, s) else None
            if replaced is not None:  # `@cli.command()`: the name holds a click Command keeping the function
                return V.Callable(s, "closure", s.name, s, f"replaced by {replaced.get('replaced_what')} "
                                  f"(`@{_name(decorator)}`)")
            call = decorator if type(decorator) is ast.Call else None
            target = self.lookup(decorator if call is None else decorator.func, env)
            if isinstance(target, V.ModuleRef):
                imported.append((target.qualified, _name(decorator), call))  # asked only if pickled
                continue
            if type(target) is not V.Callable or type(target.definition) not in FUNCS:
                continue
            find_class = self._module_class if target.kind == "module" else (lambda name: None)
            key = (target.definition, target.kind) if call is None else None  # (a bare one: the same answer each time)
            summary = self.return_summaries.get(key) if key is not None else None
            if summary is None:
                summary = decoration(target.definition, call, find_class)
                if key is not None and summary is not None:
                    self.return_summaries[key] = summary
            if summary is None:
                continue
            if summary.kind == "closure":
                return V.Callable(s, "closure", s.name, s, f"decorated by {_name(decorator)}, which returns "
                                  f"its nested {summary.local_name} without functools.wraps")
            if summary.kind == "holder" and w_module(self, s):
                kept = V.Callable(s, "closure", s.name, s, f"replaced by a {summary.local_name} object that "
                                  f"keeps it (`@{_name(decorator)}`)")
                cls = self._module_class(summary.local_name)
                if dataclass_fields(cls) is None:
                    if call is None and len(s.decorator_list) == 1:
                        self._applied(decorator, target.definition, s, kept, w)
                        # the name holds the object (`step.func` reads what its __init__ stored: the call site above)
                        return V.Instance(s, V.Callable(cls, "module", cls.name, cls), [kept])
                    return kept
                # the name holds the dataclass object: its field (`spec.action`) is the function pickle no
                # longer finds by name, and pickling the object pickles that field
                return V.Instance(s, V.Callable(cls, "module", cls.name, cls), [kept], {summary.field: kept})
        if imported:
            return V.Callable(s, "module", s.name, s, decorators=tuple(imported))
        return None

    def _applied(self, decorator: ast.expr, definition, s, kept: V.Value, w: Where) -> None:
        """A bare decorator of this module is called with the function: a call site of it whose argument is the
        function pickle no longer finds by its name (`Stage.__init__` storing it, `Stage.run` mapping a pool over
        `self.func`: the object's methods see what this call passed, as for any call of the decorator)."""
        name = ast.copy_location(ast.Name(id=s.name, ctx=ast.Load()), s)
        call = ast.copy_location(ast.Call(func=decorator, args=[name], keywords=[]), decorator)
        call.end_lineno, call.end_col_offset = decorator.end_lineno, decorator.end_col_offset
        self.facts.call_sites.setdefault(definition, []).append(CallSite(call, [(name, kept)], {}, False, w))

    def _factory_applied(self, decorator: ast.Call, s, value: V.Value, env, w: Where) -> None:
        """`@registry.on("resize")` of a factory of this module (a function, or a method of an object of its class)
        whose call gives its nested def: that def is called with the function (a call site of it), as when written
        out (`registry.on("resize")(resize)`), so what it does with it (`self._ops[key] = fn`, read back by a method
        that hands it to a child) is followed like any call of it."""
        target = self.lookup(decorator.func, env)
        factory = target.definition if type(target) is V.Callable and type(target.definition) in FUNCS else None
        if type(target) is V.BoundMethod and type(target.instance) is V.Instance and target.instance.cls is not None \
                and type(target.instance.cls.definition) is ast.ClassDef:
            factory = next((f for c in self.facts.lineage(target.instance.cls.definition) for f in getattr(c, "body", ())
                            if type(f) in FUNCS and f.name == target.name), None)
        made = made_decorator(factory, decorator) if factory is not None else None
        if made is None:
            return
        name = ast.copy_location(ast.Name(id=s.name, ctx=ast.Load()), s)
        call = ast.copy_location(ast.Call(func=decorator, args=[name], keywords=[]), decorator)
        call.end_lineno, call.end_col_offset = decorator.end_lineno, decorator.end_col_offset
        self.facts.call_sites.setdefault(made, []).append(CallSite(call, [(name, value)], {}, False, w))

    def _module_class(self, name: str):
        return next((s for s in self.tree.body if type(s) is ast.ClassDef and s.name == name), None)

    def bind(self, target, value, env, w: Where, stmt) -> None:
        """Bind `target` (already linked to its parent) and index it."""
        if isinstance(target, ast.Name):
            self.index.add_name(target, w.function, self._guarded)
            if w.function is not None and target.id in self._globals(w.function):
                self.facts.effects.append(Effect("global-write", stmt, w, (target.id, "assign", target)))
            elif w.guarded and not isinstance(self.facts.module_env.get(target.id), V.MPObject):
                # A global the parent (re)binds at run time; the rules ask whether children read it.
                self.facts.effects.append(Effect("global-write", stmt, w, (target.id, "assign", target)))
            env[target.id] = value
        elif isinstance(target, (ast.Tuple, ast.List)):
            items = unpack(value, len(target.elts))
            for i, elt in enumerate(target.elts):
                self.parents[elt] = target
                self.bind(elt, items[i], env, w, stmt)
        elif isinstance(target, ast.Attribute):
            owner_class = classmethod_owner(target, w.function, self.parents)
            if owner_class is not None and value is not None and only_class_store(self.tree, owner_class, target, stmt):
                self.class_stores[(owner_class, target.attr)] = value
            cls = self._self_class(target.value, w.function)
            if cls is not None and value is not None:
                value = _given_or_default(w.function, stmt, value)
            if cls is not None and value is not None and not (type(value) is V.Constant and _is_none(value.node)):
                # every value a method stores in `self.x` (set to a Pool in one branch, a ThreadPool in another)
                key = (cls, target.attr)
                old = self.instance_attrs.get(key)
                if type(old) is V.Sequence and old.node is stmt.value and type(value) is V.Sequence:
                    old.items.extend(value.items)  # the container `_held_container` made for this literal
                else:
                    self.instance_attrs[key] = value if old is None or old is value else union((old, value))
            self.parents[target.value] = target
            owner = self.expr(target.value, env, w)
            if cls is None and type(owner) is V.Instance and (owner.cls is not None or owner.fields is not None) \
                    and value is not None:
                # `o.fn = f`, `self.inner.fn = f`, `args.nm = NetMap(...)` on a parsed namespace: that object's
                # own attribute from then on (pickled with it)
                owner.fields = {**(owner.fields or {}), target.attr: value}
            elif cls is None and type(owner) is V.Returned and value is not None:
                # `p = Specifications(); p.client = client`: an attribute of another module's object (pickled with
                # it when its class pickles its __dict__: asked where it crosses)
                owner.fields = {**owner.fields, target.attr: value}
            if isinstance(owner, V.MPObject) and target.attr == "daemon":
                owner.daemon = bool(isinstance(value, V.Constant) and getattr(stmt.value, "value", False))
            self.library_state_store(target, [value], env, w.function, "set")
            self.record_write(target, env, w, stmt, "attribute")
        elif isinstance(target, ast.Subscript):
            self.parents[target.slice] = target
            key = self.expr(target.slice, env, w)
            self._fill(target, target.value, w)
            container = self.lookup(target.value, env, w.function)
            if type(container) is V.Sequence and value is not None:  # `table[key] = value`: one more item
                if container.mapping:
                    container.keys = stored_keys(container, target.slice)
                    if key is not None:  # (under which key: flow.item reads it back)
                        container.under[len(container.items)] = key
                container.items.append(value)
            elif type(container) is V.MPObject and container.kind in proxy_call_objects() and value is not None \
                    and target in getattr(stmt, "targets", ()):
                # `shared[key] = value` on a Manager proxy: its __setitem__ sends the value to the manager's server
                # (rules/queue_items; an attribute set on a proxy other than a Namespace's stays local: not read)
                self.facts.ops.append(Op(stmt, container, "__setitem__", w, [(stmt.value, value)]))
            elif type(container) is V.Param and type(target.value) is ast.Name and container.function is w.function \
                    and container.name == target.value.id and type(value) in (V.Unpicklable, V.MPObject):
                # `args["log"] = open(...)` on the dict the callers pass (MIDAS #112): from here on the name holds
                # their dict with this item as well (an item pickle refuses, or a multiprocessing object)
                env[target.value.id] = union((container, V.Sequence(target, [value], True)))
            self.library_state_store(target.value, [value], env, w.function)
            self.record_write(target, env, w, stmt, "item")
        else:  # `*rest`: bound to nothing we follow
            self._fill(self.parents[target], target, w)

    def record_write(self, target, env, w: Where, stmt, how: str) -> None:
        root = target
        while isinstance(root, (ast.Attribute, ast.Subscript)):
            root = root.value
        if not isinstance(root, ast.Name):
            return
        qualified = self.imports.qualify(target.value) if isinstance(target, (ast.Attribute, ast.Subscript)) else None
        if qualified == "os.environ":
            self.facts.effects.append(Effect("environ-write", stmt, w))
            return
        name = root.id
        if root is not target and w.function is not None:
            owner = self._classmethod_class(w.function, name)
            if owner is not None and not any(type(n) is ast.Name and n.id == name and type(n.ctx) is not ast.Load
                                             for n in nodes_in(w.function)):
                # `cls.scale = 10`, `cls.scorers[key] = f` in a classmethod: the module-level class's state
                # (unless the method binds `cls` to something else)
                name = owner.name
        effect = Effect("global-write", stmt, w, (name, how, target))
        self.facts.effects.append(effect)
        if w.function is not None:  # dropped at the end if the function binds the name (a local)
            self._maybe_local.append((effect, w.function, name))

    def _classmethod_class(self, func, name: str):
        """The module-level class whose classmethod `func` names its class `name` (its first parameter)."""
        if type(func) not in FUNCS or not func.args.args or func.args.args[0].arg != name \
                or not any(isinstance(d, ast.Name) and d.id == "classmethod" for d in func.decorator_list):
            return None
        cls = self.parents.get(func)
        return cls if type(cls) is ast.ClassDef and self.parents.get(cls) is self.tree else None

    def _globals(self, func) -> set:
        return self.index.scope(func).globals

_STATEMENTS = {
    ast.Import: Walker._import, ast.ImportFrom: Walker._import,
    ast.FunctionDef: Walker.define, ast.AsyncFunctionDef: Walker.define, ast.ClassDef: Walker.define,
    ast.Assign: Walker._assign, ast.AnnAssign: Walker._annotated_assign, ast.AugAssign: Walker._augmented_assign,
    ast.With: Walker._with, ast.AsyncWith: Walker._with, ast.If: Walker._if,
    ast.For: Walker._for, ast.AsyncFor: Walker._for, ast.While: Walker._while,
    ast.Try: Walker._try, getattr(ast, "TryStar", ast.Try): Walker._try,
    ast.Return: Walker._return, ast.Raise: Walker._raise, ast.Expr: Walker._expression,
    ast.Delete: Walker._delete, ast.Global: Walker._global,
}
if hasattr(ast, "Match"):  # Python 3.10+
    _STATEMENTS[ast.Match] = Walker._match


def _yields(func) -> bool:
    """A yield in `func`'s own scope, as the index counts it: its body, not a nested def's or lambda's
    body (their decorators, defaults and annotations are the enclosing scope's)."""
    nodes = [*func.body, *getattr(func, "type_params", ())]
    for node in nodes:  # grows while it is read
        kind = type(node)
        if kind is ast.Yield or kind is ast.YieldFrom:
            return True
        names = _ENCLOSING_PARTS if kind in SCOPES else child_fields(kind)
        for name in names:
            value = getattr(node, name, None)
            nodes.extend(item for item in (value if type(value) is list else (value,)) if isinstance(item, AST))
    return False


_ENCLOSING_PARTS = ("decorator_list", "args", "returns")


def _given_or_default(function, stmt, value):
    """`self.executor = executor` in an `__init__` that first said `if executor is None: executor =
    ThreadPoolExecutor()`: the walk (last write wins) holds the default; the object holds whatever the caller
    passes too (the parameter, bound at each constructor call), or that default when it passes nothing."""
    if type(function) not in FUNCS or function.name != "__init__" or type(stmt) is not ast.Assign \
            or type(stmt.value) is not ast.Name or type(value) is V.Param:
        return value
    name = stmt.value.id
    args = function.args
    if name not in [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)][1:] \
            or not none_defaulted(function, name):
        return value
    return union((V.Param(function, function, name), value))


def _is_none(node) -> bool:
    return type(node) is ast.Constant and node.value is None


def _merge_branches(env, before: dict, inside: dict, where) -> None:
    """After a branch that ran only on `where` (its bindings: `inside`) and the other branch (in `env`
    now): a name either branch bound holds its branch's value on its platforms."""
    for name, value in inside.items():
        outside = env.get(name)
        if value is not outside:
            env[name] = conditions.merge(value, outside, where)
    for name, value in env.items():
        if name not in inside and value is not before.get(name):
            env[name] = conditions.merge(before.get(name), value, where)


def _allow_none_check(test) -> bool:
    for node in nodes_in(test):
        if isinstance(node, ast.Call) and any(k.arg == "allow_none" for k in node.keywords):
            return True
    return False


def w_module(walker, s) -> bool:
    """Is the def a statement of the module's own body (a module-level function)?"""
    return s in walker.tree.body


def _name(expr) -> str:
    try:
        return ast.unparse(expr)
    except Exception:  # pragma: no cover - unparse of odd trees
        return "decorator"


def _evaluated_default(default, imports) -> bool:
    """A parameter default whose evaluation runs nothing but makes a callable, so the walk may evaluate it where
    the def is (`simplify=lambda x: x`, `key=_identity`, `cb=functools.partial(log, level)`): the value a call
    that leaves the argument out passes (flow.omitted_default). Other defaults are only indexed."""
    if type(default) is ast.Lambda or type(default) is ast.Name:
        return True
    if type(default) is ast.Attribute:
        return _evaluated_default(default.value, imports)
    if type(default) is ast.Call and isinstance(default.func, (ast.Name, ast.Attribute)) \
            and imports.qualify(default.func) == "functools.partial":
        return all(_evaluated_default(x, imports) or type(x) is ast.Constant
                   for x in (*default.args, *(k.value for k in default.keywords)))
    return False


def _reads_class_name(stmt, cls: ast.ClassDef) -> bool:
    """Does a class attribute bound to a dotted name read a name the class body binds (`factory = Pool` after `Pool =
    MyPool` in the body)? The walk evaluates it with the module's names, which would be another object."""
    node = stmt.value
    while type(node) is ast.Attribute:
        node = node.value
    return type(node) is ast.Name and any(node.id in _body_names(other) for other in cls.body)


def _body_names(stmt) -> set:
    """The names a statement of a class body binds at the class's level."""
    if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return {stmt.name}
    if type(stmt) in (ast.Import, ast.ImportFrom):
        return {(a.asname or a.name).partition(".")[0] for a in stmt.names}
    targets = stmt.targets if type(stmt) is ast.Assign else [getattr(stmt, "target", None)]
    return {n.id for t in targets if t is not None for n in ast.walk(t) if type(n) is ast.Name}


def _dotted(node) -> bool:
    """A name, or attributes of one (`futures.ProcessPoolExecutor`): reading it runs nothing of the program's."""
    while type(node) is ast.Attribute:
        node = node.value
    return type(node) is ast.Name


def _class_data(stmt) -> bool:
    """A class attribute bound to data whose evaluation runs nothing (a container literal of names,
    constants and lambdas: no call, outside the lambdas' bodies), so the walk may evaluate it."""
    # (`_pools: Dict[str, ProcessPoolExecutor] = {}` too: an annotated binding of a name)
    target = stmt.targets[0] if type(stmt) is ast.Assign and len(stmt.targets) == 1 else \
        stmt.target if type(stmt) is ast.AnnAssign and stmt.simple else None
    if type(target) is ast.Name and _dotted(stmt.value):
        # `executor_factory = ProcessPoolExecutor`, `runner = multiprocessing.Process`: the object a module name (or
        # an attribute of one) holds; read through `self.executor_factory(...)` (expressions._receiver_class_value)
        return True
    if not (type(target) is ast.Name and type(stmt.value) in (ast.Dict, ast.List, ast.Tuple, ast.Set)):
        return False
    todo = [stmt.value]
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr, ast.comprehension)):
            return False
        if type(node) is not ast.Lambda:
            todo.extend(ast.iter_child_nodes(node))
    return True
