"""What changes from fork to forkserver besides pickling, where the code shows it plainly.

- a mock or monkeypatch active while a child starts: a forked child inherits the patched module, a
  forkserver child imports the module afresh and never sees the patch;
- descriptors and event loops handed to a child: an `os.pipe()` end or a `fileno()` is a number that
  means nothing in a process the forkserver made, and `select.epoll`/`poll`/selectors do not pickle;
- SIGCHLD handlers and `signal.set_wakeup_fd` self-pipes: the children are the server's, so this
  process gets no SIGCHLD for them;
- counting or reaping children with `os.wait*` or psutil: the workers are not this process's children,
  and the forkserver is.

Only modules that start processes with the default start method are looked at; a module that asks
for a method itself (`get_context("fork")`, `set_start_method`) keeps it. Precision first: each check
needs the pattern and a process start in the same module (for mocks: the same function).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

from mpguard.text.findings import Position
from mpguard.text.source import SourceText

STARTERS = {"Process", "Pool", "ProcessPoolExecutor", "Manager"}
PATCHERS = {"patch", "patch.object", "patch.dict", "patch.multiple", "mock.patch", "mock.patch.object",
            "mock.patch.dict", "unittest.mock.patch", "unittest.mock.patch.object", "unittest.mock.patch.dict"}
MONKEYPATCH = {"setattr", "setenv", "setitem", "delattr", "delenv", "syspath_prepend", "chdir"}
DESCRIPTOR_CALLS = {"os.pipe", "os.open", "os.dup", "os.openpty", "os.eventfd", "pty.openpty"}
EVENT_LOOPS = {"select.epoll", "select.poll", "select.kqueue", "select.devpoll", "selectors.DefaultSelector",
               "selectors.EpollSelector", "selectors.PollSelector", "selectors.KqueueSelector",
               "selectors.SelectSelector"}
WAITS = {"os.wait", "os.wait3", "os.wait4", "os.waitid"}


@dataclass(frozen=True)
class Site:
    code: str
    message: str
    start: Position
    end: Position
    before: str
    after: str
    fix: str  # a key of linter.migrate.FIXES


def dotted(node) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return ""


def _calls(tree) -> list[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call)]


def _starts(tree) -> list[ast.Call]:
    return [c for c in _calls(tree) if dotted(c.func).rpartition(".")[2] in STARTERS
            and not dotted(c.func).startswith("psutil.")]


def _asks_for_a_method(tree) -> bool:
    for call in _calls(tree):
        name = dotted(call.func).rpartition(".")[2]
        if name in ("set_start_method", "get_context") and call.args:
            return True
        if any(k.arg in ("mp_context", "context") for k in call.keywords):
            return True
    return False


def forkserver_sites(source: str, filename: str = "<unknown>") -> list[Site]:
    try:
        tree = ast.parse(source, filename)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    if not _starts(tree) or _asks_for_a_method(tree):
        return []
    text = SourceText(source)
    out: list[Site] = []
    out += _mocks(tree, text)
    out += _descriptors(tree, text)
    out += _signals_and_waits(tree, text)
    return out


def _site(text: SourceText, node, code, message, before, after, fix) -> Site:
    return Site(code, message, text.node_start(node), text.node_end(node), before, after, fix)


def _own_nodes(scope):
    """The nodes of a function or of the module, without those of the functions defined in it (each
    function is a scope of its own)."""
    todo = list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            todo.extend(ast.iter_child_nodes(node))


def _mocks(tree, text) -> list[Site]:
    out = []
    scopes = [tree] + [f for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for function in scopes:
        starting = set(_starts(function))
        starts = sorted((c for c in _own_nodes(function) if c in starting), key=lambda c: (c.lineno, c.col_offset))
        if not starts:
            continue
        # A decorator or a pytest `monkeypatch` call patches for the whole function; a `with` block only
        # for the starts inside it.
        patch = next((d for d in getattr(function, "decorator_list", ())
                      if dotted(getattr(d, "func", d)) in PATCHERS), None)
        started = starts[0]
        if patch is None:
            for node in _own_nodes(function):
                if isinstance(node, (ast.With, ast.AsyncWith)):
                    within = set(_starts(node))
                    inside = [s for s in starts if s in within]
                    patch = next((i.context_expr for i in node.items
                                  if dotted(getattr(i.context_expr, "func", None)) in PATCHERS and inside), None)
                    started = inside[0] if inside else started
                elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                        and dotted(node.func.value) == "monkeypatch" and node.func.attr in MONKEYPATCH:
                    patch = node
                if patch is not None:
                    break
        if patch is None:
            continue
        out.append(_site(text, started, "MPM01",
                         f"a child process starts in {_scope_name(function)} while a mock or monkeypatch is active "
                         f"(line {patch.lineno}); the forkserver's child imports the module afresh, without it",
                         "the forked child inherits the patched objects",
                         "the child runs the real, unpatched code", "thread"))
    return out


def _scope_name(scope) -> str:
    return f"`{scope.name}`" if hasattr(scope, "name") else "the module's code"


def _descriptor_names(tree) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            called = dotted(node.value.func)
            if called in DESCRIPTOR_CALLS or called.endswith(".fileno") or called in EVENT_LOOPS:
                for target in node.targets:
                    for name in ast.walk(target):
                        if isinstance(name, ast.Name):
                            names.add(name.id)
                        elif isinstance(name, ast.Attribute) and dotted(name.value) == "self":
                            names.add(f"self.{name.attr}")
    return names


def _descriptors(tree, text) -> list[Site]:
    names = _descriptor_names(tree)
    out = []
    for call in _starts(tree):
        if dotted(call.func).rpartition(".")[2] != "Process":
            continue
        handed = [k.value for k in call.keywords if k.arg in ("args", "kwargs", "target")]
        handed += list(call.args[1:]) if call.args else []
        found = None
        for value in handed:
            for node in ast.walk(value):
                shown = dotted(node)
                if isinstance(node, ast.Call):
                    shown = dotted(node.func)
                    if shown in DESCRIPTOR_CALLS or shown.endswith(".fileno") or shown in EVENT_LOOPS:
                        found = shown + "()"
                        break
                elif shown in names:
                    found = shown
                    break
            if found:
                break
        target = next((k.value for k in call.keywords if k.arg == "target"), None)
        if not found and isinstance(target, ast.Attribute) and dotted(target.value) == "self":
            held = sorted(n for n in names if n.startswith("self."))
            found = held[0] if held else None
        if found:
            out.append(_site(text, call, "MPM02",
                             f"the Process is handed `{found}`, a file descriptor or an event loop; a forked child "
                             "shares the parent's descriptors, a forkserver child gets only what pickles (an "
                             "epoll or selector does not, a bare descriptor number means nothing there)",
                             "the forked child uses the parent's descriptor",
                             "TypeError: cannot pickle the event loop, or a descriptor that is not open in the child",
                             "thread"))
    return out


def _signals_and_waits(tree, text) -> list[Site]:
    out = []
    for call in _calls(tree):
        name = dotted(call.func)
        if name.endswith("signal.signal") and call.args and dotted(call.args[0]).endswith("SIGCHLD"):
            out.append(_site(text, call, "MPM03",
                             "a SIGCHLD handler: the forkserver's children are not this process's, so it is not "
                             "called when they exit (and a self-pipe woken by it stays silent)",
                             "the handler runs when a child exits", "the handler never runs for the children",
                             "children"))
        elif name.endswith("signal.set_wakeup_fd"):
            out.append(_site(text, call, "MPM03",
                             "a signal self-pipe (`set_wakeup_fd`): SIGCHLD for the forkserver's children goes to "
                             "the server, so nothing wakes this loop when they exit",
                             "SIGCHLD writes to the self-pipe", "no byte arrives when a child exits", "children"))
        elif name in WAITS or (name == "os.waitpid" and call.args and _is_minus_one(call.args[0])):
            out.append(_site(text, call, "MPM04",
                             f"`{name}()` waits for any child: the forkserver's workers are not this process's "
                             "children, and the forkserver itself is one that never exits",
                             "it reaps the forked children",
                             "ChildProcessError, or it blocks on the forkserver", "children"))
        elif name.endswith(".children") and "psutil" in ast.unparse(call.func):
            out.append(_site(text, call, "MPM04",
                             "psutil's list of children: the workers are the forkserver's children, and the "
                             "forkserver is listed instead",
                             "lists the forked children", "lists the forkserver, not the workers", "children"))
    return out


def _is_minus_one(node) -> bool:
    return isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) \
        and isinstance(node.operand, ast.Constant) and node.operand.value == 1
