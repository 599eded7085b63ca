"""One pass over a module: evaluate expressions abstractly and record multiprocessing facts.

The walker is deliberately flow-light: statements are visited in source order, each scope
keeps a name -> abstract value map, and the last binding wins. Function bodies are walked
after the module body (as pyflakes defers them), so they see every module-level binding.
"""
from __future__ import annotations

import ast
from collections import deque

from mpguard.core import values as V
from mpguard.core.calls import evaluate_call
from mpguard.core.facts import Effect, FunctionInfo, ModuleFacts, Where
from mpguard.core.index import TreeIndex, child_expressions, nodes_in
from mpguard.core.names import ImportMap, is_main_guard
from mpguard.core.returns import summarize_returns

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


class Scope(dict):
    """One scope's bindings, looked up through the enclosing scopes' (a ChainMap's behaviour at a
    plain dict's speed: the walker reads and writes names for nearly every node)."""

    __slots__ = ("outer",)

    def __init__(self, outer: tuple = ()):
        super().__init__()
        self.outer = outer  # innermost first, the module's last

    def new_child(self) -> "Scope":
        return Scope((self, *self.outer))

    def find(self, name: str):
        if name in self:
            return self[name]
        for scope in self.outer:
            if name in scope:
                return scope[name]
        return None


class Walker:
    def __init__(self, tree: ast.Module, imports: ImportMap, resolver=None):
        self.tree = tree
        self.imports = imports
        self.resolver = resolver
        self.facts = ModuleFacts()
        self.order = 0
        self.index = TreeIndex(tree)
        self.parents = self.index.parents
        self.pending: deque[tuple[ast.AST, Scope, str]] = deque()
        self.class_kinds: dict[ast.ClassDef, str] = {}
        # `self.pool = Pool()` in one method, `self.pool.map(...)` in another.
        self.instance_attrs: dict[tuple[ast.ClassDef, str], object] = {}
        self.return_summaries: dict = {}  # a function's body, read once however often it is called

    # ---- entry ------------------------------------------------------------------------
    def run(self) -> ModuleFacts:
        env = self.facts.module_env = Scope()
        self.body(self.tree.body, env, Where(None, False, 0))
        while self.pending:
            func, scope_env, kind = self.pending.popleft()
            info = self.facts.functions[func]
            local = scope_env.new_child()
            scope = self.index.scope(func)
            local.update(dict.fromkeys(scope.params))
            if type(func) is ast.Lambda:
                self.expr(func.body, local, Where(func, False, self._tick()))
                continue
            positional = func.args.args
            cls = self._self_class("self", Where(func, False, 0)) if positional and positional[0].arg == "self" else None
            if cls is not None:  # `self` in a method: an instance of the enclosing class
                local["self"] = V.Instance(func, V.Callable(cls, self.class_kinds.get(cls, "module"), cls.name, cls))
            info.globals_declared = scope.globals
            info.is_generator = scope.has_yield
            self.body(func.body, local, Where(func, False, self._tick()))
        return self.facts

    def _tick(self) -> int:
        self.order += 1
        return self.order

    # ---- statements -------------------------------------------------------------------
    def body(self, stmts, env, where: Where) -> None:
        function, guarded, pools, loop = where.function, where.guarded, where.pools, where.loop
        for stmt in stmts:
            self.order += 1
            try:
                if type(stmt) is ast.Expr:  # the commonest statement: a call
                    self.expr(stmt.value, env, Where(function, guarded, self.order, pools, loop))
                    continue
                _STATEMENTS.get(type(stmt), Walker._other)(self, stmt, env, Where(function, guarded, self.order,
                                                                                  pools, loop))
            except RecursionError:
                # An expression too deep for this walker (CPython compiles 1,000-term chains) costs
                # only the statement that holds it, not the whole file.
                continue

    def stmt(self, s: ast.stmt, env, w: Where) -> None:
        _STATEMENTS.get(type(s), Walker._other)(self, s, env, w)

    def _import(self, s, env, w: Where) -> None:
        for local, qualified in self.imports.add(s) if w.function is None else ImportMap(self.imports.package).add(s):
            env[local] = V.ModuleRef(s, qualified)
            if w.guarded:  # imported only under the guard: absent in a re-imported child
                self.facts.effects.append(Effect("global-write", s, w, (local, "import", s)))
        self.facts.effects.append(Effect("import", s, w, s))

    def _assign(self, s, env, w: Where) -> None:
        value = self.expr(s.value, env, w)
        for target in s.targets:
            self.bind(target, value, env, w, s)

    def _annotated_assign(self, s, env, w: Where) -> None:
        if s.value is not None:
            self.bind(s.target, self.expr(s.value, env, w), env, w, s)

    def _augmented_assign(self, s, env, w: Where) -> None:
        self.expr(s.value, env, w)
        self.record_write(s.target, env, w, s, "augassign")

    def _with(self, s, env, w: Where) -> None:
        pools = w.pools
        for item in s.items:
            value = self.expr(item.context_expr, env, w)
            if item.optional_vars is not None:
                self.bind(item.optional_vars, value, env, w, s)
            if isinstance(value, V.MPObject) and value.kind in ("Pool", "Executor", "Manager"):
                pools = (*pools, (s, value))
                self.facts.effects.append(Effect("with", s, w, value))
        self.body(s.body, env, Where(w.function, w.guarded, w.order, pools, w.loop))
        self.facts.effects.append(Effect("with-exit", s, Where(w.function, w.guarded, self._tick(), w.pools, w.loop), pools))

    def _if(self, s, env, w: Where) -> None:
        guard = w.function is None and not w.guarded and is_main_guard(s.test)
        self.expr(s.test, env, w)
        inner = Where(w.function, w.guarded or guard, w.order, w.pools, w.loop)
        conditional = _allow_none_check(s.test)
        mark = len(self.facts.start_methods)
        self.body(s.body, env, inner)
        if conditional:
            for call in self.facts.start_methods[mark:]:
                call.conditional = True
        self.body(s.orelse, env, w)

    def _for(self, s, env, w: Where) -> None:
        iterable = self.expr(s.iter, env, w)
        item = iterable.items[0] if isinstance(iterable, V.Sequence) and iterable.items else None
        self.bind(s.target, item, env, w, s)
        self.body(s.body, env, Where(w.function, w.guarded, w.order, w.pools, True))
        self.body(s.orelse, env, w)

    def _while(self, s, env, w: Where) -> None:
        self.expr(s.test, env, w)
        self.body(s.body, env, Where(w.function, w.guarded, w.order, w.pools, True))
        self.body(s.orelse, env, w)

    def _try(self, s, env, w: Where) -> None:
        self.body(s.body, env, w)
        for handler in s.handlers:
            self.body(handler.body, env, w)
        self.body(s.orelse, env, w)
        self.body(s.finalbody, env, w)

    def _return(self, s, env, w: Where) -> None:
        value = self.expr(s.value, env, w) if s.value is not None else None
        info = self.facts.functions.get(w.function)
        if info is not None:
            info.returns.append((value, s))

    def _raise(self, s, env, w: Where) -> None:
        value = self.expr(s.exc, env, w) if s.exc is not None else None
        self.facts.effects.append(Effect("raise", s, w, value))

    def _expression(self, s, env, w: Where) -> None:
        self.expr(s.value, env, w)

    def _delete(self, s, env, w: Where) -> None:
        for target in s.targets:
            self.record_write(target, env, w, s, "delete")

    def _match(self, s, env, w: Where) -> None:
        self.expr(s.subject, env, w)
        for case in s.cases:
            self.body(case.body, env, w)

    def _other(self, s, env, w: Where) -> None:
        for child in child_expressions(s):
            self.expr(child, env, w)

    def define(self, s, env, w: Where) -> None:
        kind = "module" if w.function is None and not w.guarded else "guard" if w.function is None else "nested"
        if w.function is not None and isinstance(w.function, ast.ClassDef):
            kind = "method"
        if isinstance(s, ast.ClassDef):
            kind = {"nested": "local_class"}.get(kind, kind)
            self.class_kinds[s] = kind
            value = V.Callable(s, kind, s.name, s)
            for base in s.bases:
                self.expr(base, env, w)
            for stmt in s.body:
                if isinstance(stmt, FUNCS):
                    self.facts.functions[stmt] = FunctionInfo(stmt, f"{s.name}.{stmt.name}", "method")
                    self.pending.append((stmt, env, "method"))
            env[s.name] = value
            return
        for decorator in s.decorator_list:
            self.expr(decorator, env, w)
        self.facts.functions[s] = FunctionInfo(s, s.name, kind)
        value = V.Callable(s, kind, s.name, s)
        wrapped = self.decorated(s, env)
        if wrapped is not None and (kind == "module" or wrapped.kind == "module"):
            wrapped.kind = kind if wrapped.kind == "module" else wrapped.kind
            value = wrapped
        env[s.name] = value
        self.pending.append((s, env, kind))

    def decorated(self, s, env) -> V.Callable | None:
        """A decorator that returns its own nested function hides the module-level name."""
        imported = []
        for decorator in s.decorator_list:
            target = self.lookup(decorator, env)
            if isinstance(target, V.ModuleRef):
                imported.append((target.qualified, _name(decorator)))  # asked only if pickled
                continue
            summary = self.returns_of(target)
            if summary is not None and summary.kind == "closure":
                return V.Callable(s, "closure", s.name, s, f"decorated by {_name(decorator)}, which returns "
                                  f"its nested {summary.local_name} without functools.wraps")
        if imported:
            return V.Callable(s, "module", s.name, s, decorators=tuple(imported))
        return None

    def bind(self, target, value, env, w: Where, stmt) -> None:
        if isinstance(target, ast.Name):
            if w.function is not None and target.id in self._globals(w.function):
                self.facts.effects.append(Effect("global-write", stmt, w, (target.id, "assign", target)))
            elif w.guarded and not isinstance(self.facts.module_env.get(target.id), V.MPObject):
                # A global the parent (re)binds at run time; the rules ask whether children read it.
                self.facts.effects.append(Effect("global-write", stmt, w, (target.id, "assign", target)))
            env[target.id] = value
        elif isinstance(target, (ast.Tuple, ast.List)):
            items = value.items if isinstance(value, V.Sequence) and len(value.items) == len(target.elts) else []
            for i, elt in enumerate(target.elts):
                self.bind(elt, items[i] if items else None, env, w, stmt)
        elif isinstance(target, ast.Attribute):
            cls = self._self_class(target.value, w)
            if cls is not None and value is not None:
                self.instance_attrs[(cls, target.attr)] = value
            owner = self.expr(target.value, env, w)
            if isinstance(owner, V.MPObject) and target.attr == "daemon":
                owner.daemon = bool(isinstance(value, V.Constant) and getattr(stmt.value, "value", False))
            self.record_write(target, env, w, stmt, "attribute")
        elif isinstance(target, ast.Subscript):
            self.expr(target.slice, env, w)
            self.record_write(target, env, w, stmt, "item")

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
        local = w.function is not None and root.id in self.index.scope(w.function).stores
        if not local:
            self.facts.effects.append(Effect("global-write", stmt, w, (root.id, how, target)))

    def _self_class(self, expr, w: Where):
        """The class whose method we are in, when `expr` is that method's `self`."""
        func = w.function
        name = expr.id if isinstance(expr, ast.Name) else expr
        if not (isinstance(func, FUNCS) and func.args.args and func.args.args[0].arg == name == "self"):
            return None
        if any(isinstance(d, ast.Name) and d.id in ("staticmethod", "classmethod") for d in func.decorator_list):
            return None
        parent = self.parents.get(func)
        return parent if isinstance(parent, ast.ClassDef) else None

    def _globals(self, func) -> set:
        return self.index.scope(func).globals

    # ---- expressions ------------------------------------------------------------------
    def lookup(self, expr, env):
        if isinstance(expr, ast.Name):
            return env.find(expr.id)
        if isinstance(expr, ast.Attribute):
            base = self.lookup(expr.value, env)
            return self.attribute(base, expr)
        return None

    def attribute(self, base, expr: ast.Attribute):
        if isinstance(base, V.ModuleRef):
            return V.ModuleRef(expr, f"{base.qualified}.{expr.attr}")
        if isinstance(base, (V.Context, V.MPObject, V.Returned)):
            return V.BoundMethod(expr, base, expr.attr)
        if isinstance(base, V.Instance):
            # Only a method of the class makes a bound method; any other attribute is data we don't know.
            cls = base.cls.definition if base.cls is not None else None
            methods = {f.name for f in getattr(cls, "body", ()) if isinstance(f, FUNCS)}
            return V.BoundMethod(expr, base, expr.attr) if expr.attr in methods or cls is None else None
        if isinstance(base, V.Callable) and isinstance(base.definition, ast.ClassDef):
            return V.Callable(expr, base.kind, f"{base.name}.{expr.attr}", base.definition, "attribute")
        return None

    def expr(self, e, env, w: Where):
        if e is None:
            return None
        kind = type(e)  # `type(e) is` tests: this runs for nearly every node of the module
        if kind is ast.Name:
            if e.id in env:
                return env[e.id]
            for scope in env.outer:
                if e.id in scope:
                    return scope[e.id]
            if e.id == "open":
                return V.ModuleRef(e, "open")
            return V.Callable(e, "builtin", e.id) if e.id in _BUILTINS else None
        if kind is ast.Attribute:
            owner = e.value
            if type(owner) is ast.Name and owner.id == "self":
                cls = self._self_class(owner, w)
                if cls is not None and (cls, e.attr) in self.instance_attrs:
                    return self.instance_attrs[(cls, e.attr)]
            base = self.expr(owner, env, w)
            return self.attribute(base, e) if base is not None else None
        if kind is ast.Call:
            return self.call(e, env, w)
        if kind is ast.Constant:
            size = len(e.value) if isinstance(e.value, (str, bytes)) else 8
            return V.Constant(e, size)
        if kind is ast.Lambda:
            self.facts.functions[e] = FunctionInfo(e, "<lambda>", "lambda")
            self.pending.append((e, env, "lambda"))
            return V.Callable(e, "lambda", "<lambda>", e)
        if kind is ast.GeneratorExp:
            self._comprehension(e, env, w)
            return V.Unpicklable(e, "generator", "TypeError: cannot pickle 'generator' object")
        if kind is ast.ListComp or kind is ast.SetComp or kind is ast.DictComp:
            return V.Sequence(e, [self._comprehension(e, env, w)])
        if kind is ast.Tuple or kind is ast.List or kind is ast.Set:
            return V.Sequence(e, [self.expr(x, env, w) for x in e.elts])
        if kind is ast.Dict:
            for key in e.keys:
                self.expr(key, env, w)
            return V.Sequence(e, [self.expr(x, env, w) for x in e.values])
        if kind is ast.Subscript:
            container = self.expr(e.value, env, w)
            self.expr(e.slice, env, w)
            return _item(container, e.slice)
        if kind is ast.BinOp:
            left, right = self.expr(e.left, env, w), self.expr(e.right, env, w)
            if isinstance(e.op, ast.Mult):
                return _multiply(e, left, right)
            return None
        if kind is ast.Compare:
            self.expr(e.left, env, w)
            for item in e.comparators:
                self.expr(item, env, w)
            return None
        if kind is ast.BoolOp:
            for item in e.values:
                self.expr(item, env, w)
            return None
        if kind is ast.UnaryOp:
            self.expr(e.operand, env, w)
            return None
        if kind is ast.Starred:
            return self.expr(e.value, env, w)
        if kind is ast.IfExp:
            self.expr(e.test, env, w)
            body = self.expr(e.body, env, w)
            other = self.expr(e.orelse, env, w)
            return body if body is not None else other
        if kind is ast.NamedExpr:
            value = self.expr(e.value, env, w)
            env[e.target.id] = value
            return value
        if kind is ast.JoinedStr:
            for part in e.values:
                self.expr(part, env, w)
            return V.Constant(e, 64)
        for child in child_expressions(e):
            self.expr(child, env, w)
        return None

    def _comprehension(self, e, env, w: Where):
        inner = env.new_child()
        for gen in e.generators:
            iterable = self.expr(gen.iter, inner, w)
            item = iterable.items[0] if isinstance(iterable, V.Sequence) and iterable.items else None
            self.bind(gen.target, item, inner, Where(w.function, w.guarded, w.order, w.pools, True), e)
            for cond in gen.ifs:
                self.expr(cond, inner, w)
        looped = Where(w.function, w.guarded, w.order, w.pools, True)
        if isinstance(e, ast.DictComp):
            self.expr(e.key, inner, looped)
            return self.expr(e.value, inner, looped)
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
        if isinstance(e.func, ast.Attribute) and e.func.attr in MUTATORS and isinstance(e.func.value, (ast.Name, ast.Attribute)):
            self.record_write(e.func, env, w, e, "mutate")
        func = self.expr(e.func, env, w)
        args = [(a, self.expr(a, env, w)) for a in e.args]
        kwargs = {k.arg: (k.value, self.expr(k.value, env, w)) for k in e.keywords}
        return evaluate_call(self, e, func, args, kwargs, env, w)


def _item(container, key):
    """`{"sq": lambda x: x * x}["sq"]`: the value of a dict literal under a constant key."""
    if not isinstance(container, V.Sequence) or not isinstance(container.node, ast.Dict) \
            or not isinstance(key, ast.Constant):
        return None
    for k, value in zip(container.node.keys, container.items):
        if isinstance(k, ast.Constant) and k.value == key.value:
            return value
    return None


def _multiply(e, left, right):
    if isinstance(left, V.Sequence):
        return V.Sequence(e, left.items)
    if isinstance(right, V.Sequence):
        return V.Sequence(e, right.items)
    if isinstance(left, V.Constant) and isinstance(right, V.Constant):
        a, b = e.left, e.right
        if isinstance(a, ast.Constant) and isinstance(b, ast.Constant):
            if isinstance(a.value, (str, bytes)) and isinstance(b.value, int):
                return V.Constant(e, len(a.value) * b.value)
            if isinstance(b.value, (str, bytes)) and isinstance(a.value, int):
                return V.Constant(e, len(b.value) * a.value)
        return V.Constant(e, 8)
    return None


_STATEMENTS = {
    ast.Import: Walker._import, ast.ImportFrom: Walker._import,
    ast.FunctionDef: Walker.define, ast.AsyncFunctionDef: Walker.define, ast.ClassDef: Walker.define,
    ast.Assign: Walker._assign, ast.AnnAssign: Walker._annotated_assign, ast.AugAssign: Walker._augmented_assign,
    ast.With: Walker._with, ast.AsyncWith: Walker._with, ast.If: Walker._if,
    ast.For: Walker._for, ast.AsyncFor: Walker._for, ast.While: Walker._while,
    ast.Try: Walker._try, getattr(ast, "TryStar", ast.Try): Walker._try,
    ast.Return: Walker._return, ast.Raise: Walker._raise, ast.Expr: Walker._expression,
    ast.Delete: Walker._delete,
}
if hasattr(ast, "Match"):  # Python 3.10+
    _STATEMENTS[ast.Match] = Walker._match


def _allow_none_check(test) -> bool:
    for node in nodes_in(test):
        if isinstance(node, ast.Call) and any(k.arg == "allow_none" for k in node.keywords):
            return True
    return False


def _name(expr) -> str:
    try:
        return ast.unparse(expr)
    except Exception:  # pragma: no cover - unparse of odd trees
        return "decorator"


MUTATORS = {"append", "extend", "insert", "update", "setdefault", "add", "pop", "popitem", "remove",
            "discard", "clear", "appendleft", "extendleft", "sort", "reverse", "__setitem__"}

_BUILTINS = {"str", "int", "float", "bytes", "len", "abs", "sum", "max", "min", "print", "repr", "sorted",
             "list", "dict", "set", "tuple", "bool", "pow", "divmod", "round", "ord", "chr", "hash"}
