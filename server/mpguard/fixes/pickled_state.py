"""MP201 / MP203 / MP207: an object pickle refuses because of a field it holds: a lock, a sqlite3
connection, an open file, a socket (an argument, a result, or the object behind a bound method).

The fix is pickle's own recipe for stateful objects (the pickle docs, "Handling Stateful Objects"):
`__getstate__` leaves those fields out of the pickled state, and `__setstate__` builds each again
with the expression that built it, in the process that unpickles the object. This is what fork
gives a child anyway: its own copy of the lock, its own handle. UNSAFE all the same: each process
now has its own lock or connection, and the fields no longer order or share anything across them.

A local the expression reads that the object does not keep (`open(os.path.join(log_dir, ...), "a")`)
is recorded in `self` just before the field is built (`self._log_dir = log_dir`), so that
`__setstate__` can read it.

Out of reach (no fix): a field given by the caller (`self.conn = conn`) rather than built, an
expression that binds names of its own (a comprehension, a lambda), a file opened to write (opened
again, it would be truncated), a field configured by later statements (`self.handler.setFormatter(...)`),
classes that pickle their own way or have bases other than object and Process.
"""
from __future__ import annotations

import ast

from mpguard.semantic.names import api_kind
from mpguard.semantic.pickled_stores import unpicklable_expr
from mpguard.text.findings import Applicability, Fix
from mpguard.fixes import _text as T
from mpguard.fixes._scopes import builtin_names, loaded_names, module_level_names

CUSTOM = {"__getstate__", "__setstate__", "__reduce__", "__reduce_ex__", "__getnewargs__", "__getnewargs_ex__",
          "__slots__"}
PROCESSES = {"Pool", "Executor", "Manager", "Process"}
DEPTH = 3  # classes followed through fields (`self.client = Client()` holding the lock)


def _fix(ctx, cls):
    holder, fields = _holder(ctx, cls, DEPTH)
    check_class(ctx, holder)
    if process_fields(ctx, holder):
        # (scrape-linkedin-selenium #76's shape in fresh_realistic3: `self.procs.append(proc)` while starting one
        # Process per shard with a bound-method target: the second start pickled the first, started, Process)
        raise T.CannotFix("the object keeps the processes it starts, which do not pickle while another starts")
    if ctx.pickler.held_attribute(holder, frozenset(name for name, _ in fields)) is not None:
        # another field pickle refuses that no expression builds again (`self.stream = sys.stdout`, a field given
        # by the caller): the object would still not pickle
        raise T.CannotFix("another field is refused too")
    fields, records = _with_records(ctx, fields)
    nl = T.newline(ctx)
    indent = T.block_indent(ctx, holder.body)
    inner = indent + T.INDENT
    drops = "".join(f'{inner}state.pop("{name}", None){nl}' for name, _ in fields)
    builds = "".join(f"{inner}self.{name} = {expr}{nl}" for name, expr in fields)
    text = (f"{nl}{indent}def __getstate__(self):{nl}"
            f"{inner}state = self.__dict__.copy(){nl}{drops}"
            f"{inner}return state{nl}{nl}"
            f"{indent}def __setstate__(self, state):{nl}"
            f"{inner}self.__dict__.update(state){nl}{builds}")
    names = ", ".join(f"`{name}`" for name, _ in fields)
    return Fix(f"Leave {names} of `{holder.name}` out of the pickled state and build "
               f"{'it' if len(fields) == 1 else 'them'} again in the process that unpickles it (unsafe: each "
               "process gets its own, as with fork)", Applicability.UNSAFE,
               T.merge_edits([*records, T.insert_at_row(ctx, holder.end_lineno + 1, text)]))


def _with_records(ctx, fields):
    """A field built from a local the object does not keep (`open(os.path.join(log_dir, ...))`,
    `create_default_context() if verify else None`) is built again from a copy of that local that
    the method records in `self` just before it builds the field: ([(field, expression)], [Edit])."""
    out, records, attributes = [], [], _attributes(ctx)
    for name, (text, needs) in fields:
        for local, (method, statements) in needs.items():
            kept = f"_{local}"
            if kept in attributes:
                raise T.CannotFix(f"`self.{kept}` is taken")
            for stmt in statements:
                if not T.owns_lines(ctx, stmt):
                    raise T.CannotFix("shared line")
                row = T.first_row(stmt)
                records.append(T.insert_at_row(ctx, T.with_comments(ctx, row),
                                               f"{T.indent_of(ctx, row)}{_self_name(method)}.{kept} = {local}"
                                               f"{T.newline(ctx)}"))
        out.append((name, text))
    return out, records


def _attributes(ctx) -> set:
    """Every attribute name the module's code reads or writes on any object (a recorded copy must not
    collide with one)."""
    return {n.attr for n in ast.walk(ctx.tree) if isinstance(n, ast.Attribute)}


def _holder(ctx, cls, depth):
    """The class of this module that holds the refused fields, and [(field, expression to build it)]."""
    if not isinstance(cls, ast.ClassDef) or depth == 0 or ctx.parents.get(cls) is None:
        raise T.CannotFix("no class of this module")
    fields = _refused_fields(ctx, cls)
    if fields:
        return cls, fields
    classes = module_classes(ctx)
    for method in methods_of(cls):
        for name, value in self_assignments(method):
            if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in classes:
                try:
                    return _holder(ctx, classes[value.func.id], depth - 1)
                except T.CannotFix:
                    continue
    raise T.CannotFix("no refused field built in the class")


def _refused_fields(ctx, cls) -> list:
    """[(field, (expression text, {local the expression needs: (method, [statements building it])}))]"""
    found: dict = {}  # field -> (expression text, needs): one way of building each
    for method in methods_of(cls):
        for name, value in self_assignments(method):
            if not _refused_expr(ctx, value):
                continue
            if _opened_to_write(ctx, value):
                raise T.CannotFix("a file opened to write: opening it again would truncate it")
            if isinstance(value, (ast.Lambda, ast.GeneratorExp)):
                raise T.CannotFix("a lambda or generator field")
            kind = api_kind(ctx.imports.qualify(value.func)) if isinstance(value, ast.Call) else None
            if kind is not None and kind.split(":")[0] in PROCESSES:
                raise T.CannotFix("a pool or process: not something each process should make its own")
            text, locals_ = _rebuild(ctx, method, value)
            known = found.setdefault(name, (text, {}))
            if known[0] != text:
                raise T.CannotFix("built two ways")
            for local in locals_:
                entry = known[1].setdefault(local, (method, []))
                if entry[0] is not method:
                    raise T.CannotFix("a local of two methods")
                entry[1].append(ctx.parents.get(value))
            if _configured_later(method, name):
                raise T.CannotFix("configured after it is built")
    for stmt in cls.body:  # dataclass fields: `lock: Lock = field(default_factory=threading.Lock)`
        factory = _default_factory(stmt)
        if factory is not None and unpicklable_expr(ast.Call(factory, [], []), ctx.imports) is not None:
            if loaded_names(factory) - module_level_names(ctx) - builtin_names():
                raise T.CannotFix("a factory of local names")
            found.setdefault(stmt.target.id, (f"{T.node_text(ctx, factory)}()", {}))
    return list(found.items())


def _refused_expr(ctx, value) -> bool:
    """pickle refuses what the expression makes, or what one branch of `x if cond else y` makes
    (`ssl.create_default_context() if verify else None`)."""
    if isinstance(value, ast.IfExp):
        return any(_refused_expr(ctx, branch) for branch in (value.body, value.orelse))
    return unpicklable_expr(value, ctx.imports) is not None


def _opened_to_write(ctx, value) -> bool:
    """`open(path, "w")` (or a mode not known): built again in each process, it would truncate the file."""
    for node in ast.walk(value):
        if isinstance(node, ast.Call) and ctx.imports.qualify(node.func) in ("open", "builtins.open", "io.open"):
            mode = node.args[1] if len(node.args) > 1 else next(
                (k.value for k in node.keywords if k.arg == "mode"), ast.Constant("r"))
            if not (isinstance(mode, ast.Constant) and isinstance(mode.value, str) and mode.value[:1] in "ra"
                    and "+" not in mode.value):
                return True
    return False


def _rebuild(ctx, method, value) -> tuple:
    """The expression's text, readable in `__setstate__`: module-level names as they are, and the
    method's parameters through the fields they were stored in (`sqlite3.connect(self.db_path)`);
    with the other locals it reads (recorded in `self` by `_with_records`)."""
    if value.lineno != value.end_lineno:
        raise T.CannotFix("multi-line expression")
    params = {a.arg for a in method.args.args[1:] + method.args.kwonlyargs}
    stored = {v.id: name for name, v in self_assignments(method) if isinstance(v, ast.Name)}
    known = module_level_names(ctx) | builtin_names()
    edits, needs = [], []
    binds = any(isinstance(n, (ast.comprehension, ast.Lambda, ast.NamedExpr)) for n in ast.walk(value))
    stmt = ctx.parents.get(value)
    for node in ast.walk(value):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in known:
            if node.id in params and node.id in stored and not _rebound(method, node.id):
                edits.append((node, f"self.{stored[node.id]}"))
            elif node.id == _self_name(method):
                continue
            elif binds or not isinstance(stmt, ast.Assign) or T.enclosing_function(ctx, stmt) is not method:
                raise T.CannotFix(f"needs the local `{node.id}`")
            else:
                edits.append((node, f"self._{node.id}"))  # a copy `_with_records` keeps in `self`
                if node.id not in needs:
                    needs.append(node.id)
    text = T.node_text(ctx, value)
    base = ctx.source.offset(ctx.source.node_start(value))
    spans = [(ctx.source.offset(ctx.source.node_start(n)) - base, ctx.source.offset(ctx.source.node_end(n)) - base, new)
             for n, new in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text, needs


def _rebound(method, name) -> bool:
    """Is the parameter assigned again in the method (`subdomains = subdomains or []`)? Its field then
    may not hold what the expression read."""
    return any(isinstance(n, ast.Name) and n.id == name and not isinstance(n.ctx, ast.Load) for n in ast.walk(method))


def _configured_later(method, name) -> bool:
    """`self.handler.setFormatter(...)` after `self.handler = ...`: rebuilding it alone would lose that."""
    self_name = _self_name(method)
    for node in ast.walk(method):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            func = node.value.func
            target = func.value if isinstance(func, ast.Attribute) else None
            if isinstance(target, ast.Attribute) and target.attr == name \
                    and isinstance(target.value, ast.Name) and target.value.id == self_name:
                return True
    return False


def check_class(ctx, cls) -> None:
    if any(isinstance(s, T.FUNCS) and s.name in CUSTOM for s in cls.body) or any(
            isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__slots__" for t in s.targets)
            for s in cls.body):
        raise T.CannotFix("the class pickles its own way")
    if any(not (isinstance(b, ast.Name) and b.id == "object") and not _process_base(ctx, b) for b in cls.bases) \
            or cls.keywords:
        raise T.CannotFix("a base class may pickle its own way")
    for decorator in cls.decorator_list:
        if isinstance(decorator, ast.Call) and any(k.arg == "slots" for k in decorator.keywords):
            raise T.CannotFix("a slotted dataclass")
    if T.first_row(cls.body[0]) == cls.lineno or not T.owns_lines(ctx, cls):
        raise T.CannotFix("a one-line class")


def process_fields(ctx, cls) -> set:
    """Fields where a method stores a Process it makes (`self.proc = Process(...)`, or a name bound to one
    then `self.procs.append(proc)`): a started process does not pickle while another one is started."""
    def makes_process(value) -> bool:
        return isinstance(value, ast.Call) and (api_kind(ctx.imports.qualify(value.func)) or "").startswith("Process")

    out = set()
    for method in methods_of(cls):
        self_name = _self_name(method)
        made = {t.id for n in ast.walk(method) if isinstance(n, ast.Assign) and makes_process(n.value)
                for t in n.targets if isinstance(t, ast.Name)}
        for node in ast.walk(method):
            field, stored = None, None
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Attribute) \
                    and isinstance(node.targets[0].value, ast.Name) and node.targets[0].value.id == self_name:
                field, stored = node.targets[0].attr, node.value
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("append", "add") \
                    and isinstance(node.func.value, ast.Attribute) and isinstance(node.func.value.value, ast.Name) \
                    and node.func.value.value.id == self_name and node.args:
                field, stored = node.func.value.attr, node.args[0]
            if stored is not None and (makes_process(stored) or isinstance(stored, ast.Name) and stored.id in made):
                out.add(field)
    return out


def _process_base(ctx, base) -> bool:
    """multiprocessing's Process (or a context's): it pickles its plain __dict__."""
    return (api_kind(ctx.imports.qualify(base)) or "").startswith("Process")


def methods_of(cls):
    return [s for s in cls.body if isinstance(s, ast.FunctionDef) and s.args.args]


def _self_name(method) -> str:
    return method.args.args[0].arg


def self_assignments(method):
    self_name = _self_name(method)
    for node in ast.walk(method):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) \
                    and target.value.id == self_name:
                yield target.attr, node.value


def _default_factory(stmt):
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and isinstance(stmt.value, ast.Call):
        return next((k.value for k in stmt.value.keywords if k.arg == "default_factory"), None)
    return None


@T.cached
def module_classes(ctx) -> dict:
    return {s.name: s for s in ctx.tree.body if isinstance(s, ast.ClassDef)}


# Public builder (rules call it): None when out of reach or when the result would not parse.
pickled_state_fix = T.fix_builder(_fix)
