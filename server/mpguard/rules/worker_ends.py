"""What can end the worker process a pool task runs in, and under which values of the task's parameters.

A `multiprocessing.Pool` worker runs each task inside `except Exception`: whatever is not an Exception leaves the
worker. `sys.exit()` (also `exit()`, `quit()`, `raise SystemExit`) and `raise KeyboardInterrupt` end the worker
process without sending the task's result back; `os._exit()`, `os.abort()` and `os.kill(os.getpid(), ...)` end it
without any exception. The pool starts a new worker, the task is never answered, and the parent's `map()` (or a
`get()` without a timeout) waits forever, under every start method (bonsai-team/matam #92: SGA's step calls
`sys.exit(0)` for a component left without reads). A ProcessPoolExecutor's worker catches BaseException and sends
SystemExit back like any exception; only the hard ends break it (rules/broken_pools).

`EndPaths` follows a function's own statements, the module's functions it calls and the functions of other project
modules it calls (their summaries: `ModuleSummary.exits`, filled by linter/summaries with this class), keeping for
each end the alternatives of parameter conditions under which it runs (semantic/param_guards): `def assemble(c,
exit_on_empty=True): ... if exit_on_empty: sys.exit(0)` ends the worker for `assemble(c)` and not for
`assemble(c, exit_on_empty=False)`. An end inside a `try` whose handler takes it (a bare `except:`, `BaseException`,
its own class; never `Exception`) and does not raise it again is stopped there.
"""
from __future__ import annotations

import ast

from mpguard.resolve.project import raises_summary
from mpguard.semantic import param_guards as G
from mpguard.semantic.local_values import own_nodes

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
TRIES = (ast.Try, getattr(ast, "TryStar", ast.Try))
SCOPES = (*FUNCS, ast.Lambda, ast.ClassDef, ast.Module)
# calls that raise SystemExit: the class a handler must name to stop them
EXIT_CALLS = frozenset({"sys.exit", "builtins.exit", "builtins.quit", "_thread.exit"})
BARE_EXITS = frozenset({"exit", "quit"})  # the site builtins, when the module does not bind the name
# calls that end the process with no exception at all: nothing catches them
HARD_ENDS = frozenset({"os._exit", "os.abort", "posix._exit"})
RAISED = frozenset({"SystemExit", "KeyboardInterrupt"})  # not Exceptions: a Pool worker does not catch them
HARD = ""  # the class of an end no handler stops
MAX_FUNCTIONS = 2000  # functions followed per module at most


def end_key(name: str, line: int, path: str | None = None) -> tuple:
    """The key of a summary's `guards` for an end of `name` at `line` (of `path`, when another module's)."""
    return (name, line, path or "", "end")


def ending_statements(ctx) -> dict:
    """function -> [(class, line, what, node)]: the statements of this module's functions that end the process
    they run in (`class`: SystemExit, KeyboardInterrupt, or HARD for an end no handler stops)."""
    if "ending statements" in ctx.memo:
        return ctx.memo["ending statements"]
    out: dict = {}
    text = ctx.source.text
    if any(word in text for word in ("exit", "Exit", "quit", "abort", "KeyboardInterrupt", "kill")):
        for function in ctx.index.scopes:  # (every def: `facts.functions` lists those that call something)
            if type(function) not in FUNCS:
                continue
            for node in own_nodes(function):
                found = _end(ctx, node, function)
                if found is not None and not invalid_choice(node, ctx.parents) \
                        and not _passed_on(node, found[0], ctx.parents):
                    cls, what = found
                    out.setdefault(function, []).append((cls, node.lineno, what, node))
    ctx.memo["ending statements"] = out
    return out


def _passed_on(node, cls: str, parents) -> bool:
    """Is `node` in a handler that caught `cls` already (`except KeyboardInterrupt: <clean up>; raise
    KeyboardInterrupt`, nnU-Net's unpacking): it passes on what arrived (a Ctrl-C), it makes no end of its own."""
    child, current = node, parents.get(node)
    while current is not None and not isinstance(current, SCOPES):
        if type(current) is ast.ExceptHandler and cls != HARD and _takes(current, cls):
            return True
        child, current = current, parents.get(current)
    return False


def invalid_choice(node, parents) -> bool:
    """Is `node` in the final `else` of an `if`/`elif` chain that compares one value with constants (`if mode ==
    "none": ... elif mode == "all": ... else: sys.exit("Illegal mode.")`)? That branch guards against a value the
    chain does not know, which the program's own choices (argparse `choices=`) usually rule out: whether it can run
    is not known (HTSeq's count scripts)."""
    child, current = node, parents.get(node)
    while current is not None and not isinstance(current, SCOPES) and type(current) is not ast.If:
        child, current = current, parents.get(current)
    if type(current) is not ast.If or not any(child is s for s in current.orelse):
        return False
    earlier = parents.get(current)
    if type(earlier) is not ast.If or earlier.orelse != [current]:
        return False  # (a lone `if ... else`: not a chain of choices)
    compared = [_choice_subject(t) for t in (earlier.test, current.test)]
    return compared[0] is not None and compared[0] == compared[1]


def _choice_subject(test) -> str | None:
    """The dump of what `test` compares with constants (`mode == "all"`, `mode in ("a", "b")`), else None."""
    if type(test) is not ast.Compare or len(test.ops) != 1 or type(test.ops[0]) not in (ast.Eq, ast.In, ast.Is):
        return None
    right = test.comparators[0]
    constants = right.elts if type(right) in (ast.Tuple, ast.List, ast.Set) else [right]
    if not constants or not all(type(c) is ast.Constant for c in constants):
        return None
    return ast.unparse(test.left)  # (not ast.dump: its nested function leaves a reference cycle per call)


def _end(ctx, node, function):
    """(class, what) when `node` ends the process, else None."""
    if type(node) is ast.Raise and node.exc is not None:
        made = node.exc.func if type(node.exc) is ast.Call else node.exc
        name = made.id if type(made) is ast.Name else None
        if name is None and type(made) is ast.Attribute and ctx.imports.qualify(made) in \
                {f"builtins.{n}" for n in RAISED}:
            name = made.attr
        if name in RAISED and not _bound(ctx, name, function):
            return name, f"raise {name}"
        return None
    if type(node) is not ast.Call:
        return None
    qualified = ctx.imports.qualify(node.func)
    if qualified in HARD_ENDS:
        return HARD, f"{qualified}()"
    if qualified == "os.kill" and node.args and type(node.args[0]) is ast.Call \
            and ctx.imports.qualify(node.args[0].func) == "os.getpid":
        return HARD, "os.kill(os.getpid(), ...)"
    if qualified in EXIT_CALLS:
        return "SystemExit", f"{qualified}()"
    if type(node.func) is ast.Name and node.func.id in BARE_EXITS and qualified is None \
            and not _bound(ctx, node.func.id, function):
        return "SystemExit", f"{node.func.id}()"
    return None


def _bound(ctx, name: str, function) -> bool:
    """Does the module or the function bind `name` itself (a parameter called `exit`, a class `SystemExit`)?"""
    scope = ctx.index.scopes.get(function)
    if scope is not None and (name in scope.stores or name in scope.params):
        return True
    return name in ctx.facts.module_env or name in ctx.imports.names


def stopped(node, cls: str, parents) -> bool:
    """Is an end at `node` stopped by an enclosing `try` of its function whose handler takes `cls` (bare, by
    BaseException or by its own name) and does not raise it again? A hard end never is."""
    if cls == HARD:
        return False
    child, current = node, parents.get(node)
    while current is not None and not isinstance(current, SCOPES):
        if isinstance(current, TRIES) and any(child is stmt for stmt in current.body):
            for handler in current.handlers:
                if _takes(handler, cls) and not _raises_again(handler):
                    return True
        child, current = current, parents.get(current)
    return False


def _takes(handler: ast.ExceptHandler, cls: str) -> bool:
    if handler.type is None:
        return True
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    names = {t.id if isinstance(t, ast.Name) else t.attr if isinstance(t, ast.Attribute) else None for t in types}
    return bool(names & {cls, "BaseException"})


def _raises_again(handler: ast.ExceptHandler) -> bool:
    todo = list(handler.body)
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Raise):
            return True  # (again, or another exception: the worker still ends unless the task catches that)
        if not isinstance(node, (*FUNCS, ast.Lambda, ast.ClassDef)):
            todo.extend(ast.iter_child_nodes(node))
    return False


class EndPaths:
    """Per function of this module: each end it may reach ((class, line, what, path or None for this module) ->
    alternatives of conditions on its own parameters), itself, through the module's functions it calls, or
    through the functions of other project modules it calls (read `depth` modules further)."""

    def __init__(self, ctx, depth: int):
        self.ctx = ctx
        self.depth = depth
        self.own = ending_statements(ctx)
        self.memo: dict = {}
        self.visited = 0
        self.foreign: dict = {}
        if depth > 0:
            for call, qualified, _args, _kwargs, where in ctx.facts.project_calls:
                self.foreign.setdefault(where.function, []).append((call, qualified))

    def of(self, function, stack=()) -> dict:
        known = self.memo.get(function)
        if known is not None:
            return known
        if function in stack or self.visited > MAX_FUNCTIONS:
            return {}
        self.visited += 1
        parents = self.ctx.parents
        out: dict = {}
        for cls, line, what, node in self.own.get(function, ()):
            here = G.guards(node, parents, function) if not stopped(node, cls, parents) else None
            if here is not None:
                key = (cls, line, what, None)
                out[key] = G.merge(out.get(key, ()), (here,))
        for call, qualified in self.foreign.get(function, ()):
            here = G.guards(call, parents, function)
            if here is None:
                continue
            for key in imported_ends(self.ctx.resolver, qualified, self.ctx.as_read(call), self.depth - 1):
                if not stopped(call, key[0], parents):
                    out[key] = G.merge(out.get(key, ()), (here,))
        info = self.ctx.facts.functions.get(function)
        for value, call, _where in info.calls if info is not None else ():
            for callee in self.ctx.definitions_of(value):
                if type(callee) not in FUNCS:
                    continue
                inner = self.of(callee, (*stack, function))
                bound = callee.name == "__init__" or G.is_bound_method(callee, parents)
                for key, alternatives in inner.items():
                    if stopped(call, key[0], parents):
                        continue
                    seen = G.through_call(alternatives, callee, call, function, parents, bound,
                                          read=self.ctx.as_read(call))
                    if seen:
                        out[key] = G.merge(out.get(key, ()), seen)
        self.memo[function] = out
        return out


def summarize_ends(ctx, tree: ast.Module, summary, depth: int) -> None:
    """Fill `summary.exits` (name -> [(class, line, what, path)]) and the conditions of each in `summary.guards`
    (`end_key`) for the module's functions and methods."""
    paths = EndPaths(ctx, depth)
    if not paths.own and not paths.foreign:
        return
    top = {f: f.name for f in tree.body if isinstance(f, FUNCS)}
    methods = {f: f"{c.name}.{f.name}" for c in tree.body if isinstance(c, ast.ClassDef) for f in c.body
               if isinstance(f, FUNCS)}
    for function, name in (*top.items(), *methods.items()):
        found = paths.of(function)
        if found:
            summary.exits[name] = [(cls, line, what, there or summary.path)
                                   for (cls, line, what, there) in sorted(found, key=lambda k: k[1])]
            summary.guards.update((end_key(name, line, there or summary.path), alternatives)
                                  for (_cls, line, _what, there), alternatives in found.items()
                                  if alternatives != G.ALWAYS)


def imported_ends(resolver, qualified: str, call, depth: int) -> list:
    """[(class, line, what, path)] of the ends another project module's function (or Class.method, or class: its
    `__init__`) may reach for this call's arguments (None: any arguments)."""
    if resolver is None or depth < 0:
        return []
    summary, name = raises_summary(resolver, qualified, depth)
    if summary is None or not name:
        return []
    name = G.factory_method(summary, name)
    if isinstance(summary.definitions.get(name), ast.ClassDef):
        name = f"{name}.__init__"
    found = getattr(summary, "exits", {}).get(name, ())
    if call is None or not found:
        return list(found)
    definition, bound = G.summary_function(summary, name)
    if not isinstance(definition, FUNCS):
        return list(found)
    guards_of = getattr(summary, "guards", None) or {}
    return [entry for entry in found
            if G.reached(guards_of.get(end_key(name, entry[1], entry[3]), G.ALWAYS), definition, call, bound)]
