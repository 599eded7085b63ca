"""The walker's expressions: each evaluated abstractly to the value the program would hold there (a
Pool, a lambda, a module's function, a Queue, ...), indexing every node it reaches (`core.index`).
`core.walker` walks the statements and hands their expressions here."""
from __future__ import annotations

import ast

from mpguard.semantic.base_dispatch import override_call
from mpguard.semantic.local_values import only_none_defaulted
from mpguard.semantic import branch_choices, conditions, errors, param_calls, values as V
from mpguard.semantic.boundaries import pickled_state, stateful_methods
from mpguard.semantic.calls import LOCK_METHODS, evaluate_call, inherited_owner, lock_type
from mpguard.semantic.iteration import advance, consumed_call, iterate
from mpguard.semantic.cli_args import compared, truth
from mpguard.semantic.class_reads import ClassTable, class_table
from mpguard.semantic.facts import FunctionInfo, Where
from mpguard.semantic.flow import callee_name, callers_key, dataclass_fields, element, iterated, item as keyed_item, looked_up, \
    unchanged_dict, union
from mpguard.semantic.index import statements_in
from mpguard.semantic.keyed_modules import defaulted_parameter
from mpguard.semantic.runtime_modules import is_built_module, member
from mpguard.semantic.test_results import KEPT, RESULT, kept
from mpguard.semantic.members import narrowed
from mpguard.semantic.names import DEFERRED_OPS, TASK_METHODS
from mpguard.semantic.pickle_catalog import attribute_made, method_type, refused_method
from mpguard.semantic.returns import summarize_returns
from mpguard.semantic.settings_defaults import class_default

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
# Node types a platform or feature test can be (conditions.platforms_where reads them).
TEST_NODES = frozenset({ast.Compare, ast.Call, ast.BoolOp, ast.UnaryOp, ast.Name})
# what a helper does with a process, queue or pipe its callers give it (`def wait_all(procs): p.join()`)


class ExpressionWalker:
    """The half of `core.walker.Walker` that evaluates expressions; the statements half owns the state
    it uses (facts, index, pending function bodies, instance attributes) and the binding of targets.
    The caller links `e` to its parent before `expr(e)`; `expr` links and evaluates what is under it."""

    _class_table: ClassTable | None = None  # (the module's plain classes, built when first asked: _held_class)

    def defined_function(self, env, func):
        """(definition, import map) of the function `func` names: a function of this module (read with our
        imports) or of another project module (with its own, read without walking it); None otherwise. What a
        condition calling it (`if is_unix_system():`) may be decided by (conditions.platforms_where)."""
        value = env.find(func.id) if isinstance(func, ast.Name) else None
        if type(value) is V.Callable and value.kind == "module" and isinstance(value.definition, FUNCS):
            return value.definition, self.imports
        qualified = self.imports.qualify(func)
        resolver = getattr(self, "resolver", None)
        if not qualified or "." not in qualified or getattr(resolver, "module_names", None) is None:
            return None
        module, _, name = qualified.rpartition(".")
        names = resolver.module_names(module)
        definition = names[0].get(name) if names is not None and names[1] is not None else None
        return (definition, names[1]) if isinstance(definition, FUNCS) else None

    def lookup(self, expr, env, function=None):
        """The value of a name or attribute chain, without indexing it (`function`: the def whose
        `self` may start the chain)."""
        if isinstance(expr, ast.Name):
            return env.find(expr.id)
        if isinstance(expr, ast.Attribute):
            owner = expr.value
            if function is not None and isinstance(owner, ast.Name) and owner.id == "self":
                cls = self._self_class(owner, function)
                if cls is not None and (cls, expr.attr) in self.instance_attrs:
                    return self.instance_attrs[(cls, expr.attr)]
            base = self.lookup(owner, env, function)
            return self.attribute(base, expr) if base is not None else None
        return None

    def library_state_store(self, expr, values, env, function, how: str = "add") -> None:
        """`session.auth = v` (how="set"), `session.hooks["response"] = [v]`, `session.hooks["response"].append(v)`
        ("add"), `session.hooks["response"].clear()` ("remove"): a value stored in an attribute that a library
        object's __getstate__ pickles (data/boundaries.json `pickled_state`) is pickled with that object from then
        on. A removal forgets what that attribute was given (unsure what is left: say nothing)."""
        while type(expr) is ast.Subscript:
            expr = expr.value
        if type(expr) is not ast.Attribute or type(expr.value) is not ast.Name:
            return
        owner = self.lookup(expr.value, env, function)
        if type(owner) is not V.Library or expr.attr not in pickled_state().get(owner.qualified, ()):
            return
        kept = [] if how != "add" else owner.stored.get(expr.attr, [])
        owner.stored[expr.attr] = kept + ([v for v in values if v is not None] if how != "remove" else [])

    def attribute(self, base, expr: ast.Attribute):
        if type(base) is V.Union:  # `for p in procs: p.start()`: the attribute of each process it may be
            return union(self.attribute(option, expr) for option in base.options)
        if isinstance(base, V.ModuleRef):
            return V.ModuleRef(expr, f"{base.qualified}.{expr.attr}", picked=base.picked)
        if type(base) is V.Returned and expr.attr in base.fields and not self._called(expr):
            return base.fields[expr.attr]  # `p.client = client` ... `run(p, p.client)`: what this module set there
        if isinstance(base, (V.Context, V.MPObject, V.Returned)):
            return V.BoundMethod(expr, base, expr.attr)
        if type(base) in (V.Param, V.Element) and (expr.attr in DEFERRED_OPS or self._called(expr)):
            # `p.join()` on a process handed in by the callers: recorded now, resolved when a rule asks;
            # `bundle.jobs()`: what the method of each object passed gives, also when a rule asks
            return V.BoundMethod(expr, base, expr.attr)
        if type(base) is V.CallResult and self._called(expr):
            # `Pipeline().add(f).add(g)`, `p = make_pipeline(); p.add(g)`: a method of what a call of this
            # module returns, known once the walk is over (calls.py keeps the call for `replay_on_results`)
            return V.BoundMethod(expr, base, expr.attr)
        if type(base) is V.Param and expr.attr in TASK_METHODS and type(self.parents.get(expr)) is not ast.Call:
            # `mapper = self.pool.map if self.pool else map` (emcee): the bound method of what the
            # callers pass, called later through the name (`calls` defers that call to the callers' pools)
            return V.BoundMethod(expr, base, expr.attr)
        if type(base) is V.Param or type(base) is V.CallResult or (type(base) is V.Element and base.per_class is None):
            # `config.init_fn` of an object the callers pass (or a call returns), `self.database.save` of a field
            # the callers' object holds, `spec.action` of each object in the list they pass (`for spec in tasks`):
            # its field, looked up in what they pass when a rule asks (flow.resolve)
            return V.Element(expr, base, attr=expr.attr)
        if isinstance(base, V.Instance):
            # A method of the class makes a bound method; a field is what the constructor was given, or
            # what a method stored in `self.<name>`; anything else is data we don't know.
            cls = base.cls.definition if base.cls is not None else None
            if cls is None:  # (an argparse namespace has no class, only its defaults: semantic/cli_args)
                if base.fields is not None and expr.attr in base.fields:
                    return base.fields[expr.attr]
                return V.BoundMethod(expr, base, expr.attr)
            lineage = self.facts.lineage(cls) if type(cls) is ast.ClassDef else [cls]
            method = next((f for c in lineage for f in getattr(c, "body", ())
                           if isinstance(f, FUNCS) and f.name == expr.attr), None)
            if method is not None:
                if _is_property(method) and not self._called(expr):
                    # `self.executor` of `@property def executor(self): ... return self._executor`: what it returns
                    return self._property_value(method, expr)
                if any(isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod") for d in method.decorator_list):
                    # no instance travels with it: pickled by its qualified name, like the class
                    owner = self.parents.get(method)
                    return V.Callable(expr, base.cls.kind if base.cls.kind != "module" else "method",
                                      f"{getattr(owner, 'name', cls.name)}.{method.name}", method)
                return V.BoundMethod(expr, base, expr.attr)
            if base.fields is not None and expr.attr in base.fields:
                return base.fields[expr.attr]
            found = next((self.instance_attrs[(c, expr.attr)] for c in lineage if (c, expr.attr) in self.instance_attrs),
                         None)
            if found is None and _stored_in_self(lineage, expr.attr) is False:  # `self._ctx` set by setUpClass's `cls._ctx`
                found = next((self.class_stores[(c, expr.attr)] for c in lineage if (c, expr.attr) in self.class_stores),
                             None)
            if found is None:
                found = self._held_container(lineage, expr.attr) or self._stored_parameter(lineage, expr.attr)
            if found is None:  # `self.executor_factory` that a subclass binds again: the class of each call's receiver
                found = self._receiver_class_value(base, lineage, expr)
            found = found if found is not None else self._class_attribute(lineage, expr.attr)
            if found is None and not base.args and base.fields is None:  # `Settings().workers`: the class's default
                found = class_default(self, lineage, expr.attr)
            if found is None and not base.args and base.fields is None:
                found = self._receiver_field(base, lineage, expr)
            if found is None and self._called(expr) and override_call(lineage, self.imports.qualify, expr.attr):
                # `session.get(...)` inherited from requests.Session, which calls the subclass's `request`
                return V.BoundMethod(expr, base, expr.attr)  # (calls.py runs that override: base_dispatch)
            if found is None and self._called(expr) and _external_base(lineage) \
                    and inherited_owner(self, lineage, expr.attr) is not None:
                # `runner.run(items)` inherited from a class of another project module: that module's method runs
                # (calls.py follows it there: _inherited_foreign)
                return V.BoundMethod(expr, base, expr.attr)
            if found is None and self._passed_as_callable(expr) and _external_base(lineage):
                # `Process(target=server.serve_forever)`: a method a library base class gives it (socketserver's
                # TCPServer), handed over as a callable: a bound method, which pickles the object (praw #586)
                return V.BoundMethod(expr, base, expr.attr)
            return found
        if type(base) is V.Unpicklable and expr.attr in LOCK_METHODS and lock_type(base) and self._called(expr):
            return V.BoundMethod(expr, base, expr.attr)  # `lock.release()` of a threading lock (rules/locks.py)
        if type(base) is V.Unpicklable and base.type and not self._called(expr):
            made = attribute_made(base.type, expr.attr)
            if made is not None:  # `client.app.users`: what the class's __getattr__ makes of a name it has not
                return V.Unpicklable(expr, made[0], made[1], type=made[2])
        if is_built_module(base):  # `plugin.validate` of a module built from a file at run time
            return member(expr, base, expr.attr)
        if type(base) is V.Library and base.type == RESULT and expr.attr in KEPT:  # `result.failures`
            return kept(expr, base, expr.attr)
        if type(base) is V.Library or (type(base) is V.Unpicklable and base.type):
            return V.BoundMethod(expr, base, expr.attr)  # `pattern.search`, `conn.cursor`: the catalog knows what it makes
        if isinstance(base, V.Sequence):  # list.append, dict.get, ...: `calls` follows the items
            return V.BoundMethod(expr, base, expr.attr)
        if isinstance(base, V.Callable) and isinstance(base.definition, ast.ClassDef):
            held = _class_lambda(base.definition, expr.attr)
            if held is not None:  # `Cfg.transform` where the class body says `transform = lambda ...`
                return V.Callable(expr, "lambda", "<lambda>", held)
            lineage = self.facts.lineage(base.definition)
            method = next((f for c in lineage for f in getattr(c, "body", ()) if isinstance(f, FUNCS)
                           and f.name == expr.attr), None)
            decorator = next((d.id for d in getattr(method, "decorator_list", ())
                              if isinstance(d, ast.Name) and d.id in ("classmethod", "staticmethod")), None)
            if decorator is not None and self._called(expr):
                # `Repository.open(path)`: the classmethod runs (its `cls(...)` makes an object of the class)
                made = V.Callable(expr, "method", f"{base.name}.{expr.attr}", method, decorator)
                if decorator == "classmethod" and self.cls_bindings.get(id(base)) is None:
                    # the class the call is made on: its `cls` (CallSite.receiver); not another classmethod's `cls`
                    # (`cls.make()`: the class its own callers name, one level further than followed)
                    self.cls_bindings[id(made)] = (None, None, made, base)
                return made
            held = next((self.class_attrs[(c, expr.attr)] for c in lineage if (c, expr.attr) in self.class_attrs), None)
            if type(held) is V.Callable and type(held.definition) is ast.ClassDef and held.node is held.definition:
                return held  # `Manager.Worker`: the class nested in the class body (walker._define_class)
            if type(held) is V.Sequence and held.mapping and type(held.node) is ast.Dict:
                # `cls._pools` where the class body says `_pools = {}`: the one dict the class keeps, which
                # `cls._pools[name] = ProcessPoolExecutor(...)` fills (CPython #115634's ProcessPoolManager)
                return held
            stored = next((self.class_stores[(c, expr.attr)] for c in lineage if (c, expr.attr) in self.class_stores),
                          None)
            if stored is not None and not self._stored_target(expr):
                return stored  # `cls.storage` that a classmethod set (`cls.storage = ChunkStorage()`: semantic/class_stores)
            chosen = self._held_class(base.definition, expr)
            if chosen is not None:  # `Station.meter_class` that the module sets only to `Meter` (or None)
                return chosen
            default = class_default(self, lineage, expr.attr)
            binding = self.cls_bindings.get(id(base)) if default is not None else None
            if binding is not None and binding[2] is base:
                per_class = self._receiver_attribute(base.definition, expr.attr)
                if per_class is not None:  # `cls.RELOAD` that a subclass overrides: the receiver's, per call
                    return V.Element(expr, V.Param(expr, binding[0], binding[1]), attr=expr.attr,
                                     per_class=per_class, fallback=default)
            if default is not None:  # `Config.WORKERS` where the class body says `WORKERS = 4`
                return default
            if type(held) is V.Unpicklable:  # `Store.conn` where the class body says `conn = sqlite3.connect(...)`
                return held
            return V.Callable(expr, base.kind, f"{base.name}.{expr.attr}", base.definition, "attribute")
        return None

    def expr(self, e, env, w: Where):
        if e is None:
            return None
        kind = type(e)  # `type(e) is` tests: this runs for nearly every node of the module
        if kind is ast.Name:
            self.index.add_name(e, w.function, self._guarded)
            ident = e.id
            if ident in env:
                return env[ident]
            for scope in env.outer:
                if ident in scope:
                    return scope[ident]
            if ident == "open":
                return V.ModuleRef(e, "open")
            return V.Callable(e, "builtin", ident) if ident in _BUILTINS else None
        if kind is ast.Attribute:
            owner = e.value
            self.parents[owner] = e
            if type(owner) is ast.Name and owner.id == "self":
                cls = self._self_class(owner, w.function)
                if cls is not None and (cls, e.attr) in self.instance_attrs:
                    self.index.add_name(owner, w.function, self._guarded)
                    return self.instance_attrs[(cls, e.attr)]
            base = self.expr(owner, env, w)
            if e.attr == "start":
                options = base.options if type(base) is V.Union else (base,)
                for option in options:
                    if type(option) is V.MPObject:
                        option.start_seen = True
                    else:
                        self.facts.unresolved_starts += 1
            return self.attribute(base, e) if base is not None else None
        if kind is ast.Call:
            return self.call(e, env, w)
        if kind is ast.Constant:
            if e.end_lineno != e.lineno:
                self.index.long_strings.append(e)
            size = len(e.value) if isinstance(e.value, (str, bytes)) else 8
            return V.Constant(e, size)
        if kind is ast.Lambda:
            defaults = self._function_scope(e, w, env)
            self.parents[e.body] = e
            self.facts.functions[e] = FunctionInfo(e, "<lambda>", "lambda", defaults=defaults)
            if w.function is not None:
                self.facts.closure_envs[e] = env
            self.pending.append((e, env, "lambda", self._guarded))
            return V.Callable(e, "lambda", "<lambda>", e)
        if kind is ast.GeneratorExp:  # refused as an argument, but `pool.map(f, (... for ...))` iterates it
            return V.Unpicklable(e, "generator", errors.text("generator"), self._comprehension(e, env, w))
        if kind is ast.ListComp or kind is ast.SetComp or kind is ast.DictComp:
            return V.Sequence(e, [self._comprehension(e, env, w)], kind is ast.DictComp)
        parents = self.parents
        if kind is ast.Tuple or kind is ast.List or kind is ast.Set:
            for x in e.elts:
                parents[x] = e
            return V.Sequence(e, [self.expr(x, env, w) for x in e.elts])
        if kind is ast.Dict:
            for key in e.keys:
                if key is not None:  # None: `**mapping`
                    parents[key] = e
                    self.expr(key, env, w)
            for x in e.values:
                parents[x] = e
            return V.Sequence(e, [self.expr(x, env, w) for x in e.values], True)
        if kind is ast.Subscript:
            parents[e.value] = parents[e.slice] = e
            container = self.expr(e.value, env, w)
            key = self.expr(e.slice, env, w)
            if type(container) is V.ModuleRef:  # `registry.HANDLERS[name]`: a table an enrolling decorator fills
                container = self.tables.imported_table(container.qualified, e, self.imports) or container
                if type(container) is V.Sequence and type(key) is V.Constant and isinstance(key.node, ast.Constant):
                    return keyed_item(container, key.node)  # (`args.db`: the default the program runs with)
            if type(container) is V.Unpicklable and container.type:
                # `fh["x"]` of an h5py File: what the catalog says subscripting one makes (a Dataset holding the file)
                found = refused_method(container.type, "__getitem__")
                if found is not None:
                    return V.Unpicklable(e, *found, type=method_type(container.type, "__getitem__"))
            if callers_key(key) and type(container) is V.Sequence and container.mapping \
                    and type(container.node) is ast.Dict:
                # `HANDLERS[name]` where the callers give `name`: the item under the key they pass, among the
                # literal's items and those stored by `HANDLERS[k] = v` (which keeps its key); when a caller's key is
                # not known, the item it may be, reported only if every one has a problem (flow.every)
                return looked_up(e.slice, container, key)
            if type(container) is V.Sequence and not container.items and container.mapping \
                    and w.function is not None and type(e.value) is ast.Name and e.value.id in self.facts.module_env \
                    and self.facts.module_env.get(e.value.id) is container and type(e.slice) is not ast.Constant:
                # `HANDLERS[kind]` of a module-level registry still empty here: functions walked later fill it
                # (a decorator's `HANDLERS[name] = fn`), so its items are looked up when a rule asks
                return V.Element(e.slice, container, key=e.slice)
            if type(container) is V.Sequence and type(key) is V.Constant and isinstance(key.node, ast.Constant) \
                    and not isinstance(e.slice, ast.Constant) and _within(key.node, w.function) \
                    and not (self._called(e) and defaulted_parameter(e.slice, w.function)):
                # `CONFIGS[os.environ.get("APP_ENV", "dev")]`, `CONFIGS[mode]` after `mode = "dev"`: the item under
                # the key the program runs with (an environment read or option is its default, as for imported
                # tables); a constant of another scope (a module global a function may rebind) is not taken.
                # `BACKENDS[backend]()` after `if backend is None: backend = "mp"`: the callers' key, not that
                # default (a call of each item, which semantic/keyed_modules ties to the key they give)
                return keyed_item(container, key.node)
            return keyed_item(container, e.slice)
        if kind is ast.BinOp:
            parents[e.left] = parents[e.right] = e
            left, right = self.expr(e.left, env, w), self.expr(e.right, env, w)
            if isinstance(e.op, ast.Mult):
                return _multiply(e, left, right)
            return None
        if kind is ast.Compare:
            parents[e.left] = e
            left = self.expr(e.left, env, w)
            right = None
            for item in e.comparators:
                parents[item] = e
                right = self.expr(item, env, w)
            return compared(e, left, right)  # `os.environ.get("RELOAD", "1") == "1"`: a constant too
        if kind is ast.BoolOp:  # `kwargs or {}`: either operand
            values = []
            for item in e.values:
                parents[item] = e
                values.append(self.expr(item, env, w))
            return union(values)
        if kind is ast.UnaryOp:
            parents[e.operand] = e
            self.expr(e.operand, env, w)
            return None
        if kind is ast.Starred:
            parents[e.value] = e
            return self.expr(e.value, env, w)
        if kind is ast.IfExp:
            parents[e.test] = parents[e.body] = parents[e.orelse] = e
            test = self.expr(e.test, env, w)
            body = self.expr(e.body, env, w)
            other = self.expr(e.orelse, env, w)
            chosen = truth(test)  # `NetMap(a.ipa) if a.ipa else None` with `ipa` a known "" (cli_args)
            if chosen is not None:
                return body if chosen else other
            other = _narrowed(e.test, e.orelse, other)
            if type(e.test) in TEST_NODES:
                where = conditions.platforms_where(e.test, self.imports, lambda n: env.find(n.id),
                                                   lambda f: self.defined_function(env, f))
                if where is not None:  # `get_context("fork") if hasattr(os, "fork") else get_context("spawn")`
                    self.facts.branch_platforms[e] = where
                    return conditions.merge(body, other, where)
            if w.function is not None:  # `ThreadPool if dummy else Pool`: the callers' arguments choose
                chosen = branch_choices.expression_choice(self.facts, e, body, other, w.function, parents)
                if chosen is not None:
                    return chosen
            return union((body, other))
        if kind is ast.NamedExpr:
            parents[e.target] = parents[e.value] = e
            value = self.expr(e.value, env, w)
            self.index.add_name(e.target, w.function, self._guarded)
            env[e.target.id] = value
            return value
        if kind is ast.JoinedStr:
            if e.end_lineno != e.lineno:
                self.index.long_strings.append(e)
            for part in e.values:
                parents[part] = e
                self.expr(part, env, w)
            return V.Constant(e, 64)
        if (kind is ast.Yield or kind is ast.YieldFrom) and w.function is not None:
            self._scopes[w.function].has_yield = True
            if e.value is not None:  # what iterating over the generator gives (`list(make_jobs())`)
                self.parents[e.value] = e
                value = self.expr(e.value, env, w)
                info = self.facts.functions.get(w.function)
                if info is not None:
                    info.yields.append(value if kind is ast.Yield else element(value))
            return None
        self._rest(e, env, w)
        return None

    def _comprehension(self, e, env, w: Where):
        inner = env.new_child()
        parents = self.parents
        looped = w if w.loop else Where(w.function, w.guarded, w.order, w.pools, True)  # never changed once made
        # a list, set or dict display iterates now; a generator expression when a consumer drives it (`sum(...)`)
        consumed = type(e) is not ast.GeneratorExp or (type(parents.get(e)) is ast.Call and consumed_call(parents[e], env))
        for gen in e.generators:
            parents[gen] = e
            parents[gen.iter] = parents[gen.target] = gen
            iterable = self.expr(gen.iter, inner, w)
            if consumed:  # `[f(b) for b in loader]` runs `type(loader).__iter__` (semantic/iteration)
                iterate(self, gen.iter, inner, w, iterable)
            if type(iterable) is V.Sequence and iterable.enumerates:  # `getmembers(m, isfunction)`, its tests
                iterable = narrowed(iterable, gen.target, gen.ifs)
            self.bind(gen.target, iterated(iterable), inner, looped, e)
            for cond in gen.ifs:
                parents[cond] = gen
                self.expr(cond, inner, w)
        if isinstance(e, ast.DictComp):
            parents[e.key] = parents[e.value] = e
            self.expr(e.key, inner, looped)
            return self.expr(e.value, inner, looped)
        parents[e.elt] = e
        return self.expr(e.elt, inner, looped)

    def returns_of(self, value):
        if isinstance(value, V.Callable) and isinstance(value.definition, FUNCS):
            summary = self.return_summaries.get(value.definition)
            if summary is None:
                summary = self.return_summaries[value.definition] = summarize_returns(value.definition)
            return summary
        if isinstance(value, V.ModuleRef) and self.resolver is not None:
            return self.resolver.returns(value.qualified)
        return None

    def call(self, e: ast.Call, env, w: Where):
        # (`PLOT_DICT[name].update(opts)`: an item of a global changed in place, TopoStats #260)
        if isinstance(e.func, ast.Attribute) and e.func.attr in MUTATORS \
                and isinstance(e.func.value, (ast.Name, ast.Attribute, ast.Subscript)) \
                and not _module_function(e.func.value, env):
            self.record_write(e.func, env, w, e, "mutate")
        elif isinstance(e.func, ast.Attribute) and e.func.attr in stateful_methods() \
                and type(e.func.value) is ast.Name and not _module_function(e.func.value, env):
            # `progress.advance(task)` of a library object that changes itself (data/boundaries.json
            # `stateful_objects`; rules/state.py keeps it only for such an object)
            self.record_write(e.func, env, w, e, "mutate")
        parents = self.parents
        parents[e.func] = e
        func = self.expr(e.func, env, w)
        args = []
        for a in e.args:
            parents[a] = e
            args.append((a, self.expr(a, env, w)))
        kwargs = {}
        for k in e.keywords:  # most calls have none
            parents[k] = e
            parents[k.value] = k
            kwargs[k.arg] = (k.value, self.expr(k.value, env, w))
        if None in kwargs:  # `WorkerPool(**POOL_OPTS)` of a dict literal: its keywords, each where it is written
            spread = _spread(kwargs[None][1])
            if spread is not None:
                del kwargs[None]
                for name, pair in spread.items():
                    kwargs.setdefault(name, pair)
        if type(e.func) is ast.Attribute and e.func.attr in MUTATORS:  # `session.hooks["response"].append(f)`
            self.library_state_store(e.func.value, [v for _a, v in args], env, w.function,
                                     "remove" if e.func.attr in REMOVERS else "add")
        if e is self._entering:
            self.entered_calls[e] = (args, kwargs)
        if w.function is not None and type(e.func) is ast.Attribute:
            if e.func.attr in param_calls.ADDERS:
                param_calls.note(self.facts.param_notes, e, env.find, args, kwargs)
            elif func is None and _rooted_in_parameter(e.func.value, self._scopes.get(w.function)):
                # `pool.map(...)` on a parameter (or `self.pool`): known once the callers are
                param_calls.defer(self.facts.param_calls, e, self.lookup(e.func.value, env, w.function), args, kwargs, w)
        if type(e.func) is ast.Name and consumed_call(e, env):
            iterate(self, e.args[0], env, w, args[0][1])  # `list(loader)` runs `type(loader).__iter__`
        elif type(e.func) is ast.Name and e.func.id == "next":
            advance(self, e, env, w)  # `next(augmenter)` runs `type(augmenter).__next__`
        return evaluate_call(self, e, func, args, kwargs, env, w)


    def _held_container(self, lineage, name: str):
        """`d.items` read before the methods of d's class are walked (they are walked after the module
        body): when every store of `self.<name>` in the class is a container literal (`self.items = []`),
        the attribute is that container, made now and kept in `instance_attrs`, so that what the module
        (`d.items.append(x)`) and the methods (`self.items.append(x)`, walked later) add is one list."""
        memo = self.__dict__.setdefault("_container_literals", {})  # (first class, name) -> (class, literal)
        key = (lineage[0], name)
        if key not in memo:
            memo[key] = _container_literal(lineage, name)
        found = memo[key]
        if found is None:
            return None
        cls, literal = found
        held = self.instance_attrs.get((cls, name))
        if held is None:
            held = self.instance_attrs[(cls, name)] = V.Sequence(literal, [], type(literal) is ast.Dict)
        return held

    def _stored_parameter(self, lineage, name: str):
        """`box.map` read before the methods of box's class are walked, where the class's one store of
        `self.map` is `self.map = mapper` in `__init__`: the parameter, which holds what each constructor call
        passes (flow binds it to the call that made the object)."""
        found = None
        for cls in lineage:
            if type(cls) is not ast.ClassDef:
                return None
            method = next((f for f in cls.body if isinstance(f, FUNCS) and f.name == "__init__"), None)
            for node in _self_stores(cls).get(name, ()):
                if found is not None or type(node) is not ast.Assign or len(node.targets) != 1 \
                        or type(node.value) is not ast.Name or method is None or node not in method.body:
                    return None  # (also a store in a nested block of __init__: maybe not made)
                params = [a.arg for a in (*method.args.posonlyargs, *method.args.args, *method.args.kwonlyargs)]
                if node.value.id not in params[1:] or not only_none_defaulted(method, node.value.id):
                    return None
                # (`if executor is None: executor = ThreadPoolExecutor()` first: what a caller passes when it
                # passes something; a caller leaving it out gets the parameter's default, which says nothing)
                found = V.Param(method, method, node.value.id)
        return found

    def _property_value(self, method, expr: ast.Attribute):
        """What reading a property gives: its returns, known now if its body was walked, else when a rule asks
        (its `self` is the one object of the class the walker knows in a method, so no call site is needed)."""
        if method not in self._done:
            return V.CallResult(expr, method)
        info = self.facts.functions.get(method)
        return conditions.returned(info.returns, self.facts.return_reach, self.facts.return_choice) \
            if info is not None and info.returns else None

    def _called(self, expr: ast.Attribute) -> bool:
        parent = self.parents.get(expr)
        return type(parent) is ast.Call and parent.func is expr

    def _receiver_field(self, base: V.Instance, lineage, expr: ast.Attribute):
        """`self.database` in a method of a dataclass whose field `database` has no default we know and that no
        method stores: the field of the object each call site calls the method on (`parser.parse(...)` with
        `parser = BagParser(db)`: `db`), resolved through the method's call sites like a parameter (one level:
        CallSite.receiver). None when `base` is not a method's own `self`."""
        binding = self.cls_bindings.get(id(base))
        if binding is None or binding[2] is not base or binding[1] != "self" or type(lineage[0]) is not ast.ClassDef:
            return None
        names = dataclass_fields(lineage[0])
        if not names or expr.attr not in names:
            return None
        if _stored_in_self(lineage, expr.attr) is not False:
            return None  # a method stores it too: which value a read sees is not followed
        return V.Element(expr, V.Param(expr, binding[0], "self"), attr=expr.attr)

    def _receiver_attribute(self, owner: ast.ClassDef, name: str):
        """{class: the constant `name` its body (or a base's) binds} for `owner` and each module-level class
        derived from it, when one of those overrides `name` (`DevConfig(BaseConfig)` saying `RELOAD = False`):
        a classmethod's `cls.RELOAD` is then the class the call is made on, not the one defining the method.
        None when no subclass overrides it, or an override is not a constant we know (then nothing is said)."""
        known = self.__dict__.setdefault("_derived", {})  # owner -> its subclasses: asked once per class
        if owner not in known:
            known[owner] = [c for c in self.tree.body if type(c) is ast.ClassDef and c is not owner
                            and owner in self.facts.lineage(c)]
        derived = known[owner]
        if not any(any(type(s) in (ast.Assign, ast.AnnAssign) and name in _bound_names(s) for s in c.body)
                   for c in derived):
            return None
        out = {}
        for cls in (owner, *derived):
            value = class_default(self, self.facts.lineage(cls), name)
            if value is None:
                return None
            out[cls] = value
        return out

    def _receiver_class_value(self, base: V.Instance, lineage, expr: ast.Attribute):
        """`self.executor_factory` in a method of `Strategy`, whose body binds `executor_factory = ThreadPoolExecutor`
        while a subclass of the module binds `ProcessPoolExecutor`: Python looks the name up on the class of the
        object the method is called on, so the value is the one of each call site's receiver (`ProcessStrategy(2).
        execute(...)`; through `self.create_executor()` in another method, that method's callers): a V.Element read
        per receiver (flow._per_receiver), the defining class's when no call site is known. None (the class body's
        own value, as before) when no subclass binds the name again; also when a class binds it to something the walk
        did not evaluate or a method stores it in `self` (an instance attribute shadows it): nothing is said."""
        binding = self.cls_bindings.get(id(base))
        owner = lineage[0]
        if binding is None or binding[2] is not base or binding[1] != "self" or type(owner) is not ast.ClassDef:
            return None
        known = self.__dict__.setdefault("_derived", {})  # owner -> its subclasses: asked once per class
        if owner not in known:
            known[owner] = [c for c in self.tree.body if type(c) is ast.ClassDef and c is not owner
                            and owner in self.facts.lineage(c)]
        derived = known[owner]
        name = expr.attr
        if not any(name in _class_level_names(stmt) for c in derived for stmt in c.body):
            return None
        if _stored_in_self(lineage, name) is not False:
            return None
        per_class = {}
        for cls in (owner, *derived):
            chain = self.facts.lineage(cls)
            binder = next((c for c in chain if type(c) is ast.ClassDef
                           and any(name in _class_level_names(stmt) for stmt in c.body)), None)
            value = self.class_attrs.get((binder, name)) if binder is not None else None
            if value is None:
                return None
            per_class[cls] = value
        return V.Element(expr, V.Param(expr, binding[0], "self"), attr=name, per_class=per_class,
                         fallback=per_class[owner])

    def _passed_as_callable(self, expr: ast.Attribute) -> bool:
        """Is `expr` handed to a child as the function to run: `target=` / `initializer=`, or the task
        of `pool.map(...)`, `executor.submit(...)`?"""
        parent = self.parents.get(expr)
        if type(parent) is ast.keyword:
            return parent.arg in ("target", "initializer")
        return type(parent) is ast.Call and bool(parent.args) and parent.args[0] is expr \
            and type(parent.func) is ast.Attribute and parent.func.attr in TASK_METHODS

    def _stored_target(self, expr) -> bool:
        return not isinstance(getattr(expr, "ctx", None), ast.Load)

    def _class_attribute(self, lineage, name: str):
        """`self.PARSERS` that no method stores in `self`: what the class body binds (`class_attrs`)."""
        if _stored_in_self(lineage, name) is not False:
            return None  # an instance attribute shadows it (where, is not followed here)
        return next((self.class_attrs[(c, name)] for c in lineage if (c, name) in self.class_attrs), None)

    def _held_class(self, cls: ast.ClassDef, expr: ast.Attribute):
        """The class a class attribute holds when the module only ever sets it to that one plain class of the
        module (semantic/class_reads.ClassTable.held_class): `meter_class = None` in the body, `Station.meter_class =
        Meter` in main. Read as the module binds that class's name, or None."""
        if not isinstance(expr.ctx, ast.Load) or self.parents.get(cls) is not self.tree:
            return None
        if self._class_table is None:
            self._class_table = class_table(self.tree)
        held = self._class_table.held_class(cls.name, expr.attr)
        value = self.facts.module_env.get(held) if held is not None else None
        if type(value) is V.Callable and value.definition is self._class_table.classes[held]:
            return value
        return None

    def _self_class(self, expr, func):
        """The class whose method `func` is, when `expr` is that method's `self`."""
        name = expr.id if isinstance(expr, ast.Name) else expr
        if not (isinstance(func, FUNCS) and func.args.args and func.args.args[0].arg == name == "self"):
            return None
        if any(isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod") for d in func.decorator_list):
            return None
        parent = self.parents.get(func)
        return parent if isinstance(parent, ast.ClassDef) else None


def _within(node: ast.AST, function) -> bool:
    """Is `node` in `function`'s lines (at the module's level when `function` is None: in no def)?"""
    if function is None:
        return True  # (a constant the module level reads was bound at the module level)
    return function.lineno <= getattr(node, "lineno", 0) <= (function.end_lineno or function.lineno)


def _container_literal(lineage, name: str):
    """(class, the one container literal (`[]`, `{}`, `[a, b]`) that the methods of a class store in
    `self.<name>`); None if any store there is something else, or there are several. A dataclass field
    `procs: list = field(default_factory=list)` that no method stores is such a container too: the generated
    __init__ stores a new one in each object (CPython #123208's Station, filled in __post_init__)."""
    found = owner = None
    for cls in lineage:
        if type(cls) is not ast.ClassDef:
            return None
        for node in _self_stores(cls).get(name, ()):
            if found is not None or type(node) is not ast.Assign or len(node.targets) != 1 \
                    or type(node.value) not in (ast.List, ast.Dict, ast.Set):
                return None
            found, owner = node.value, cls
    if found is None:
        return next(((cls, made) for cls in lineage if (made := _factory_container(cls, name)) is not None), None)
    return owner, found


_FACTORY_CONTAINERS = {"list": ast.List, "dict": ast.Dict, "set": ast.Set}


def _factory_container(cls: ast.ClassDef, name: str):
    """The empty container a dataclass field's `default_factory=list` (dict, set) makes, as a literal written
    at the field (made once per field and kept on its node, so every walk sees one literal); None otherwise."""
    if dataclass_fields(cls) is None:
        return None
    for stmt in cls.body:
        if not (type(stmt) is ast.AnnAssign and type(stmt.target) is ast.Name and stmt.target.id == name
                and type(stmt.value) is ast.Call and callee_name(stmt.value) == "field"):
            continue
        factory = next((k.value for k in stmt.value.keywords if k.arg == "default_factory"), None)
        kind = _FACTORY_CONTAINERS.get(factory.id) if type(factory) is ast.Name else None
        if kind is None:
            return None
        made = getattr(stmt, "_mpguard_factory_literal", None)
        if made is None:
            made = kind(keys=[], values=[]) if kind is ast.Dict else kind(elts=[], ctx=ast.Load()) \
                if kind is ast.List else kind(elts=[])
            made = stmt._mpguard_factory_literal = ast.copy_location(made, stmt.value)
        return made
    return None


def _stored_in_self(lineage, name: str) -> bool | None:
    """Does a method of a class in `lineage` store `self.<name>`? None when the lineage holds something other
    than a class of the project (a base we cannot read: then nothing is said)."""
    for cls in lineage:
        if type(cls) is not ast.ClassDef:
            return None
        if name in _self_stores(cls):
            return True
    return False


def _self_stores(cls: ast.ClassDef) -> dict:
    """{name: the statements of the class's methods that store in `self.<name>`, in `ast.walk` order
    (once per target that is `self.<name>`)}. Kept on the class's node, read only: a class of another
    module is asked about by every walk that reaches it (10,000 walks of classes over the 12 projects of
    issue 16's benchmark), and a syntax tree is never changed once parsed."""
    known = getattr(cls, "_mpguard_self_stores", None)
    if known is None:
        known = cls._mpguard_self_stores = _walk_self_stores(cls)
    return known


def _walk_self_stores(cls: ast.ClassDef) -> dict:
    out: dict = {}
    for method in cls.body:
        if not isinstance(method, FUNCS) or not method.args.args or method.args.args[0].arg != "self":
            continue
        for node in statements_in(method):  # (ast.walk's order, stores being statements: none of the expressions)
            targets = node.targets if type(node) is ast.Assign else [node.target] \
                if type(node) in (ast.AnnAssign, ast.AugAssign) else ()
            for target in targets:
                if type(target) is ast.Attribute and type(target.value) is ast.Name and target.value.id == "self":
                    out.setdefault(target.attr, []).append(node)
    return out


def _rooted_in_parameter(expr, scope) -> bool:
    """`pool`, `self.pool`: an expression that starts at a parameter of the function (a cheap test
    before the receiver is looked up)."""
    while type(expr) is ast.Attribute:
        expr = expr.value
    return type(expr) is ast.Name and scope is not None and expr.id in scope.params


def _class_lambda(cls: ast.ClassDef, name: str) -> ast.Lambda | None:
    """The lambda a class body binds to `name` (its qualified name is `Cls.<lambda>`, which pickle
    cannot look up), when that is the only binding of the name there."""
    found = [stmt.value for stmt in cls.body if isinstance(stmt, ast.Assign)
             and any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets)]
    return found[0] if len(found) == 1 and isinstance(found[0], ast.Lambda) else None


def _module_function(receiver, env) -> bool:
    """`os.remove(path)`: a function of an imported module, not a method that mutates a value."""
    if type(receiver) is not ast.Name:
        return False
    value = env.find(receiver.id)
    return type(value) is V.ModuleRef and type(value.node) is ast.Import


def _multiply(e, left, right):
    if isinstance(left, V.Sequence):
        return V.Sequence(e, list(left.items))
    if isinstance(right, V.Sequence):
        return V.Sequence(e, list(right.items))
    if isinstance(left, V.Constant) and isinstance(right, V.Constant):
        a, b = e.left, e.right
        if isinstance(a, ast.Constant) and isinstance(b, ast.Constant):
            if isinstance(a.value, (str, bytes)) and isinstance(b.value, int):
                return V.Constant(e, len(a.value) * b.value)
            if isinstance(b.value, (str, bytes)) and isinstance(a.value, int):
                return V.Constant(e, len(b.value) * a.value)
        return V.Constant(e, 8)
    return None


REMOVERS = frozenset({"pop", "popitem", "remove", "discard", "clear"})
MUTATORS = {"append", "extend", "insert", "update", "setdefault", "add", "pop", "popitem", "remove",
            "discard", "clear", "appendleft", "extendleft", "sort", "reverse", "__setitem__"}

def _narrowed(test, branch, value):
    """The value of the `else` branch of `... if isinstance(x, T) else x`: `x` without what T accepts
    (`bytes(cell) if isinstance(cell, memoryview) else cell`: never a memoryview). Checked for an item of a value
    known later only (a V.Element): the walk's own values are exact already."""
    if not (type(test) is ast.Call and type(test.func) is ast.Name and test.func.id == "isinstance"
            and len(test.args) == 2 and type(test.args[0]) is ast.Name and type(test.args[1]) is ast.Name
            and type(branch) is ast.Name and branch.id == test.args[0].id and type(value) is V.Element):
        return value
    return V.Element(value.node, value.of, value.contents, value.key, value.attr, excluding=test.args[1].id)


_BUILTINS = {"str", "int", "float", "bytes", "len", "abs", "sum", "max", "min", "print", "repr", "sorted",
             "list", "dict", "set", "tuple", "bool", "pow", "divmod", "round", "ord", "chr", "hash", "getattr",
             "map", "filter", "zip", "enumerate", "memoryview", "compile"}


def _external_base(lineage) -> bool:
    """Does a class of the lineage derive from a class that is not of this module (a library's)?"""
    classes = [c for c in lineage if type(c) is ast.ClassDef]
    mine = {c.name for c in classes} | {"object"}
    return any(not (isinstance(b, ast.Name) and b.id in mine) for c in classes for b in c.bases)


def _spread(mapping) -> dict | None:
    """The keywords `**mapping` gives when it is a dict literal with constant string keys that the program
    never adds to (`POOL_OPTS = {"n_jobs": 2, "start_method": "spawn"}`): name -> (expr, value)."""
    node = getattr(mapping, "node", None)
    if type(mapping) is V.Sequence and mapping.mapping and mapping.keys is not None \
            and len(mapping.keys) == len(mapping.items):
        # keys set after the literal (`options["initializer"] = init`, also under an `if`: what the dict may
        # hold; walker.stored_keys keeps them while every key is a constant string). A key set again holds
        # the last value; its expression is the value's own node when it is one, else the dict's.
        written = {k.value: v for k, v in zip(node.keys, node.values) if isinstance(k, ast.Constant)} \
            if isinstance(node, ast.Dict) else {}
        spread = {}
        for key, held in zip(mapping.keys, mapping.items):
            at = getattr(held, "node", None)
            spread[key] = (at if isinstance(at, ast.expr) else written.get(key, node), held)
        return spread
    if not unchanged_dict(mapping) or not all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in node.keys):
        return None
    return {k.value: (v, item) for k, v, item in zip(node.keys, node.values, mapping.items)}


def _bound_names(stmt) -> set:
    """The names a class-body assignment binds (`X = 1`, `X: bool = True`)."""
    targets = stmt.targets if type(stmt) is ast.Assign else [stmt.target]
    return {t.id for t in targets if type(t) is ast.Name}


def _class_level_names(stmt) -> set:
    """The names any statement of a class body binds at the class's level (a def, an import, an assignment)."""
    if isinstance(stmt, (*FUNCS, ast.ClassDef)):
        return {stmt.name}
    if type(stmt) in (ast.Import, ast.ImportFrom):
        return {(a.asname or a.name).partition(".")[0] for a in stmt.names}
    targets = stmt.targets if type(stmt) is ast.Assign else [getattr(stmt, "target", None)]
    return {n.id for t in targets if t is not None for n in ast.walk(t) if type(n) is ast.Name}


PROPERTIES = frozenset({"property", "cached_property"})


def _is_property(method) -> bool:
    """A method read as an attribute runs (`@property`, `@functools.cached_property`): its value is what it returns."""
    for decorator in method.decorator_list:
        name = decorator.attr if type(decorator) is ast.Attribute else getattr(decorator, "id", "")
        if name in PROPERTIES:
            return True
    return False

