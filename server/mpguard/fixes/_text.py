"""Text helpers shared by the fix builders: statement spans, indentation, imports, names.

Everything works on whole lines and keeps the file's own newline style (LF, CRLF or CR).
Lines inside multi-line strings are never re-indented: `string_rows` finds them with tokenize.
Columns come from `SourceText` (code points), never from raw `col_offset`.
"""
from __future__ import annotations

import ast
import contextvars
import io
import tokenize

from mpguard.text.chunks import NeedsWholeModule, first_row
from mpguard.text.findings import Edit, LazyFix, Position

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
INDENT = "    "


class CannotFix(Exception):
    """Raised inside a builder when the code is outside what the fix handles."""


BUILDING = contextvars.ContextVar("mpguard_fix_building", default=False)


def fix_builder(build, whole_module: bool = False):
    """A public builder: None when the code is out of reach (CannotFix) or the result would not parse.

    A `whole_module` builder reads statements anywhere in the module (which ones a moved statement
    may take along, who reads what it binds). An incremental analysis sees only a slice of the
    module: for a finding it keeps, such a builder stops it (the caller then analyses the whole
    module); for one it throws away, it builds nothing."""
    from mpguard.fixes import apply as fixer

    def builder(ctx, *args):
        mode = getattr(ctx, "fixes", True)
        if not mode:
            return None
        keeps = getattr(ctx, "keeps", None)
        if whole_module and keeps is not None:
            if args and keeps(args[0]):
                raise NeedsWholeModule(build.__name__)
            return None
        if mode == "lazy" and not BUILDING.get():  # built later, if ever, with what the analysis knew then
            known = fixer.TOP_LEVEL.get()
            return LazyFix(lambda: _built_later(known, ctx, args))
        return _built(ctx, args)

    def _built(ctx, args):
        token = BUILDING.set(True)  # a builder that asks another one gets a fix, not a promise of one
        try:
            return fixer.validated(ctx.source.text, build(ctx, *args))
        except (CannotFix, RecursionError):
            return None
        finally:
            BUILDING.reset(token)

    def _built_later(known, ctx, args):
        token = fixer.TOP_LEVEL.set(known)
        try:
            return _built(ctx, args)
        finally:
            fixer.TOP_LEVEL.reset(token)

    builder.__name__ = builder.__qualname__ = build.__name__
    builder.__doc__ = build.__doc__
    return builder


def cached(func):
    """Memoise a whole-module helper on the rule context: many fixes per module ask the same thing."""
    key = func.__name__

    def wrapper(ctx):
        cache = ctx.__dict__.setdefault("_fix_cache", {})
        if key not in cache:
            cache[key] = func(ctx)
        return cache[key]

    wrapper.__name__ = wrapper.__qualname__ = key
    wrapper.__doc__ = func.__doc__
    return wrapper


# ---- lines and rows -------------------------------------------------------------------------
@cached
def newline(ctx) -> str:
    text = ctx.source.text
    if "\r\n" in text:
        return "\r\n"
    if "\r" in text and "\n" not in text:
        return "\r"
    return "\n"


def row_start(ctx, row: int) -> Position:
    """Start of `row`; past the last line, the end of the text."""
    if row > ctx.source.row_count:
        return ctx.source.end_position()
    return Position(row, 0)


def line(ctx, row: int) -> str:
    return ctx.source.line_text(row)


def indent_of(ctx, row: int) -> str:
    text = line(ctx, row)
    return text[: len(text) - len(text.lstrip(" \t"))]


def is_blank(ctx, row: int) -> bool:
    return 1 <= row <= ctx.source.row_count and not line(ctx, row).strip()


def is_comment(ctx, row: int) -> bool:
    return 1 <= row <= ctx.source.row_count and line(ctx, row).lstrip().startswith("#")


def last_row(node) -> int:
    return node.end_lineno


def with_comments(ctx, row: int) -> int:
    """Move up over comment lines directly attached to the statement starting at `row`."""
    while row > 1 and is_comment(ctx, row - 1) and row - 1 not in string_rows(ctx):
        row -= 1
    return row


def owns_lines(ctx, node) -> bool:
    """The statement alone occupies its lines (nothing before it, only a comment after it)."""
    start = first_row(node)
    head = line(ctx, start)
    if head[: ctx.source.char_column(start, _col(node, start))].strip():
        return False
    end = ctx.source.node_end(node)
    tail = line(ctx, end.row)[end.column:].strip()
    return not tail or tail.startswith("#")


def _col(node, row):
    if node.lineno == row:
        return node.col_offset
    for d in getattr(node, "decorator_list", []):
        if d.lineno == row:
            return max(0, d.col_offset - 1)  # the '@'
    return 0


def rows_text(ctx, start: int, end: int) -> str:
    """Rows start..end inclusive, with their newlines."""
    return "".join(ctx.source.line(r) for r in range(start, end + 1))


def string_rows(ctx) -> frozenset:
    """Rows that continue a multi-line string token (their leading whitespace is content)."""
    index = getattr(ctx, "index", None)
    if index is not None:
        return index.string_rows
    return _tokenized_string_rows(ctx)


@cached
def _tokenized_string_rows(ctx) -> frozenset:
    rows = set()
    try:
        for tok in tokenize.generate_tokens(io.StringIO(ctx.source.text).readline):
            if tok.type == tokenize.STRING or tok.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
                rows.update(range(tok.start[0] + 1, tok.end[0] + 1))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass
    return frozenset(rows)


def reindent(ctx, start: int, end: int, old: str, new: str) -> str:
    """Rows start..end with the leading `old` indentation replaced by `new` (string rows untouched)."""
    nl = newline(ctx)
    protected = string_rows(ctx)
    out = []
    for row in range(start, end + 1):
        raw = ctx.source.line(row)
        body = raw.rstrip("\r\n")
        ending = raw[len(body):] or nl
        if row in protected:
            out.append(body + ending)
        elif not body.strip():
            out.append(ending)
        elif body.startswith(old):
            out.append(new + body[len(old):] + ending)
        else:  # a comment indented less than the block: keep its text, give it the new indentation
            out.append(new + body.lstrip(" \t") + ending)
    return "".join(out)


def block_indent(ctx, body: list) -> str:
    return indent_of(ctx, first_row(body[0]))


def end_with_newline(ctx, text: str) -> str:
    return text if text.endswith(("\n", "\r")) else text + newline(ctx)


# ---- tree helpers -----------------------------------------------------------------------------
def top_statement(ctx, node):
    while node is not None and ctx.parents.get(node) is not ctx.tree:
        node = ctx.parents.get(node)
    return node


def statement_of(ctx, node):
    while node is not None and not isinstance(node, ast.stmt):
        node = ctx.parents.get(node)
    return node


def body_of(ctx, stmt):
    """(the list holding `stmt`, its index)."""
    parent = ctx.parents.get(stmt, ctx.tree) or ctx.tree
    # each block's positions are found once: a block of thousands of statements, each with a fix
    positions = ctx.__dict__.setdefault("_fix_block_positions", {})
    for field in ("body", "orelse", "finalbody", "handlers"):
        items = getattr(parent, field, None)
        if not isinstance(items, list):
            continue
        if id(items) not in positions:
            positions[id(items)] = (items, {id(s): i for i, s in enumerate(items)})  # the list kept alive
        index = positions[id(items)][1].get(id(stmt))
        if index is not None:
            return items, index
    raise CannotFix("statement is not in a body")


@cached
def main_guard(ctx):
    from mpguard.semantic.names import is_main_guard

    for stmt in ctx.tree.body:
        if isinstance(stmt, ast.If) and is_main_guard(stmt.test):
            return stmt
    return None


def enclosing_function(ctx, node):
    node = ctx.parents.get(node)
    while node is not None and not isinstance(node, (*FUNCS, ast.Lambda)):
        node = ctx.parents.get(node)
    return node


# Names and scopes live in _scopes.py; builders reach them through this module too.
from mpguard.fixes._scopes import (  # noqa: E402, F401  (re-exported)
    all_names, bound_names, free_variables, fresh_name, guard_bound_names, loaded_names, locals_of,
    module_level_names, runtime_globals, symtable_for,
)


# ---- imports ------------------------------------------------------------------------------------
def module_alias(ctx, module: str) -> str | None:
    """The local name a plain `import module` (or `import module as x`) binds at module level."""
    for stmt in ctx.tree.body:
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.name == module:
                    return alias.asname or alias.name
    return None


def import_position(ctx) -> Position:
    """Where a new `import x` line goes: after the last top-level import of the leading block."""
    body = ctx.tree.body
    row = 1
    index = 0
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        row = body[0].end_lineno + 1
        index = 1
    last = None
    for stmt in body[index:]:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            last = stmt
        elif last is not None or not isinstance(stmt, (ast.Import, ast.ImportFrom)):
            break
    if last is not None:
        row = last.end_lineno + 1
    elif row == 1:
        # after a shebang / encoding comment block at the very top
        while is_comment(ctx, row):
            row += 1
    return row_start(ctx, row)


def need_module(ctx, module: str):
    """(local name to use, Edit adding `import module` or None)."""
    alias = module_alias(ctx, module)
    if alias is not None:
        return alias, None
    if module in all_names(ctx) and ctx.imports.names.get(module) != module:
        raise CannotFix(f"the name {module} is taken")
    text = f"import {module}{newline(ctx)}"
    pos = import_position(ctx)
    if pos == ctx.source.end_position() and ctx.source.text and not ctx.source.text.endswith(("\n", "\r")):
        text = newline(ctx) + text
    return module, Edit(pos, pos, text)


def partial_ref(ctx):
    """(expression naming functools.partial, Edit or None)."""
    for local, qualified in (ctx.imports.names.items() if ctx.imports is not None else ()):
        if qualified == "functools.partial" and _top_import_binds(ctx, local):
            return local, None
    alias, edit = need_module(ctx, "functools")
    return f"{alias}.partial", edit


def _top_import_binds(ctx, local: str) -> bool:
    return any(isinstance(s, (ast.Import, ast.ImportFrom)) and local in bound_names(s) for s in ctx.tree.body)


def merge_edits(edits) -> tuple:
    """Join insertions at the same point (first given first) so their order is fixed."""
    out: list[Edit] = []
    for edit in edits:
        if edit is None:
            continue
        same = next((i for i, e in enumerate(out) if e.start == e.end == edit.start == edit.end), None)
        if same is not None:
            out[same] = Edit(edit.start, edit.end, out[same].content + edit.content)
        else:
            out.append(edit)
    return tuple(out)


def delete_rows(ctx, start: int, end: int) -> Edit:
    return Edit(row_start(ctx, start), row_start(ctx, end + 1), "")


def insert_at_row(ctx, row: int, text: str) -> Edit:
    pos = row_start(ctx, row)
    if pos == ctx.source.end_position() and ctx.source.text and not ctx.source.text.endswith(("\n", "\r")):
        text = newline(ctx) + text
    return Edit(pos, pos, text)


def insert_block(ctx, row: int, text: str) -> Edit:
    """Insert a top-level block before `row` with two blank lines around it (PEP 8)."""
    nl = newline(ctx)
    above = 0
    r = row - 1
    while r >= 1 and is_blank(ctx, r):
        above += 1
        r -= 1
    lead = nl * max(0, 2 - above) if r >= 1 else ""
    return insert_at_row(ctx, row, lead + text.rstrip("\r\n") + nl + nl + nl)


def lift_position(ctx, top) -> int:
    """Row before which code lifted out of top-level statement `top` is inserted."""
    return with_comments(ctx, first_row(top))


def node_text(ctx, node) -> str:
    start, end = ctx.source.node_start(node), ctx.source.node_end(node)
    return ctx.source.text[ctx.source.offset(start):ctx.source.offset(end)]


def is_literal(node) -> bool:
    """Is `node` a literal (`ast.literal_eval` reads it): a value the fixed code can repeat anywhere."""
    try:
        ast.literal_eval(node)
    except ValueError:
        return False
    return True


def name_roots(values) -> set:
    """The names that the non-literal `values` read (`args.verbose` -> `args`), when each is a literal or a
    name with attributes: nothing a call or an index could change between two places. CannotFix otherwise."""
    roots = set()
    for value in values:
        if is_literal(value):
            continue
        root = value
        while isinstance(root, ast.Attribute):
            root = root.value
        if not isinstance(root, ast.Name):
            raise CannotFix("a value is neither a literal nor a name")
        roots.add(root.id)
    return roots


def next_statement_row(ctx, stmt) -> int:
    """The row where a block goes after the module-level statement `stmt` (before the next one's comments)."""
    body = ctx.tree.body
    index = next(i for i, s in enumerate(body) if s is stmt)
    following = body[index + 1] if index + 1 < len(body) else None
    return ctx.source.row_count + 1 if following is None else with_comments(ctx, first_row(following))


def after_class_import(ctx, module: str, name: str, taken: str = "the class name is taken"):
    """(the last statement of the module's import block, the `from module import name` line to add there or None
    when this module imports it by that name already), for a module-level registration of another module's class
    (copyreg). CannotFix when the name means something else here, or the module has no import block."""
    body, nl = ctx.tree.body, newline(ctx)
    bound = [s for s in body if name in bound_names(s)]
    if bound:  # already imported by name: the registration goes after that import
        if len(bound) != 1 or not isinstance(bound[0], ast.ImportFrom) or bound[0].module != module \
                or bound[0].level or not any(a.name == name and a.asname is None for a in bound[0].names):
            raise CannotFix(taken)
        anchor, class_import = bound[0], None
    elif name in all_names(ctx):
        raise CannotFix("the class name is taken")
    else:
        imports = [s for s in body if isinstance(s, (ast.Import, ast.ImportFrom))]
        if not imports:
            raise CannotFix("no import block")
        anchor, class_import = imports[0], f"from {module} import {name}{nl}"
    index = next(i for i, s in enumerate(body) if s is anchor)
    while index + 1 < len(body) and isinstance(body[index + 1], (ast.Import, ast.ImportFrom)):
        index += 1
    return body[index], class_import


# The positional parameters that come before `initializer` (multiprocessing.Pool(processes, initializer, ...),
# ProcessPoolExecutor(max_workers, mp_context, initializer, ...)).
_BEFORE_INITIALIZER = {"Pool": 1, "Executor": 2}


def has_initializer(call, kind: str) -> bool:
    """Whether the pool or executor `call` is given an initializer already: by keyword, positionally
    (`Pool(n, init_worker)`: a second `initializer=` would be a TypeError), or possibly through `*args`/`**kw`."""
    if any(k.arg in ("initializer", "initargs", None) for k in call.keywords):
        return True
    if any(isinstance(a, ast.Starred) for a in call.args):
        return True
    return len(call.args) > _BEFORE_INITIALIZER.get(kind, 0)
