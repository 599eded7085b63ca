"""The resolver of last resort: jedi, for names `ast` alone can't place (installed packages,
re-exports through `__init__`, star imports).

jedi is imported lazily, asked only when a value actually reaches a child process, given a time
budget per resolver, and its answers are cached. It never executes the analysed code: jedi reads
source files, unsafe (compiled) extensions are not loaded (`load_unsafe_extensions=False`), and
jedi's `auto_import_modules` (modules it would import for real) is emptied.

Nor does it run another interpreter. Left to itself, jedi takes its environment from `VIRTUAL_ENV` or
`CONDA_PREFIX` and starts that environment's `python` to ask for its `sys.path`; an editor that activates
the project's `.venv` would so run a `bin/python` the analysed project ships. jedi is given mpguard's own
interpreter instead, and the packages installed in an activated environment are found by path: its
`site-packages` folders are added to the search path, to be read as source (compiled modules load only
from mpguard's own `sys.path`).
"""
from __future__ import annotations

import ast
import gc
import os
import sys
import threading
import time
from pathlib import Path

from mpguard.resolve.jedi_reach import may_find
from mpguard.semantic.returns import ReturnSummary, summarize_returns
from mpguard.text.reading import regular_bytes

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
# Seconds of jedi per resolver (one analysis of one file). It is wall-clock time, so what jedi finds in
# time depends on the machine's load: MPGUARD_JEDI_BUDGET raises it (the tests do, so that their
# answers do not depend on how busy the machine is).
def _budget_from_environment(default: float = 1.0) -> float:
    try:
        return max(0.0, float(os.environ.get("MPGUARD_JEDI_BUDGET") or default))
    except ValueError:  # a malformed value is not a reason to fail
        return default


DEFAULT_BUDGET = _budget_from_environment()


class JediResolver:
    def __init__(self, root: str | Path | None = None, budget: float = DEFAULT_BUDGET):
        self.root = Path(root) if root else None
        self.budget = budget
        self.spent = 0.0
        self._cache: dict[str, ast.AST | None] = {}
        self._trees: dict[str, ast.Module | None] = {}

    # The Resolver interface --------------------------------------------------------------
    def returns(self, qualified: str) -> ReturnSummary | None:
        definition = self.definition(qualified)
        return summarize_returns(definition) if isinstance(definition, FUNCS) else None

    def definition_kind(self, qualified: str) -> str | None:
        definition = self.definition(qualified)
        if isinstance(definition, ast.Lambda):
            return "lambda"
        return "function" if isinstance(definition, FUNCS) else None

    def module_summary(self, module: str):
        return None  # import-time effects of installed packages are not the project's business

    # jedi ------------------------------------------------------------------------------------
    def definition(self, qualified: str):
        if qualified in self._cache:
            return self._cache[qualified]
        shared = RUN_ANSWERS.get(self.root, qualified)
        if shared is not RUN_ANSWERS.MISSING:
            self._cache[qualified] = shared
            return shared
        if self.spent >= self.budget or "." not in qualified:
            return None
        if not may_find(qualified.rpartition(".")[0], str(self.root or Path.cwd()), activated_site_packages()):
            self._cache[qualified] = None  # (jedi would import nothing: it is not started for it)
            return None
        started = time.perf_counter()
        try:
            found = self._lookup(qualified)
            RUN_ANSWERS.put(self.root, qualified, found)  # (an answer jedi gave: not one an error cut short)
        except Exception:  # jedi raising on odd code must not break the analysis
            found = None
        finally:
            self.spent += time.perf_counter() - started
        self._cache[qualified] = found
        return found

    def _lookup(self, qualified: str):
        jedi = _safe_jedi()
        module, _, name = qualified.rpartition(".")
        project = jedi.Project(self.root or Path.cwd(), load_unsafe_extensions=False, smart_sys_path=True,
                               added_sys_path=activated_site_packages())
        script = jedi.Script(f"from {module} import {name}\n{name}\n", project=project,
                             environment=own_environment())
        for target in script.goto(2, 0, follow_imports=True):
            path = target.module_path
            if path is None or target.line is None or target.type not in ("function", "statement"):
                continue
            tree = self._tree(str(path))
            node = _node_at(tree, target.line, target.name) if tree is not None else None
            if node is not None:
                return node
        return None

    def _tree(self, path: str):
        if path not in self._trees:
            try:
                data = regular_bytes(path)
                self._trees[path] = None if data is None else ast.parse(data)
            except (OSError, SyntaxError, ValueError, RecursionError):
                self._trees[path] = None
        return self._trees[path]


class RunAnswers:
    """jedi's answers shared by every file of one `mpguard check` run (issue 16). Each file has a resolver
    of its own (its budget is per file), and each asked jedi again what the files before it had asked
    (over the 12 projects of issue 16's benchmark: celery 4 questions, 2 distinct; distributed 4, 2; loky 3,
    1; billiard and joblib 2, 1; jedi's first question in a process, its warm-up, costs most). An answer
    depends only on the root jedi searches from, the activated environment's site-packages and the
    installed packages, the same for the whole run. Only while a run has it `enabled` (`cli.batch`): the
    language server lives on while packages are installed and files change, and keeps its answers per
    resolver as before. "Not found" is an answer too; a lookup that raised is not kept."""

    MISSING = object()

    def __init__(self):
        self.enabled = False
        self.answers: dict = {}

    def get(self, root, qualified: str):
        if not self.enabled:
            return self.MISSING
        return self.answers.get((root, tuple(activated_site_packages()), qualified), self.MISSING)

    def put(self, root, qualified: str, found) -> None:
        if self.enabled:
            self.answers[(root, tuple(activated_site_packages()), qualified)] = found

    def clear(self) -> None:
        self.answers.clear()


RUN_ANSWERS = RunAnswers()


def _safe_jedi():
    """jedi, configured so that it cannot run anything: it imports the modules named in
    `auto_import_modules` for real (default: "gi"), so a project package of that name would run."""
    import jedi  # lazy: the CLI and the server start without it

    jedi.settings.auto_import_modules = []
    _keep_collector_state()
    return jedi


def _keep_collector_state() -> None:
    """parso pauses the garbage collector while it unpickles a module from its cache, then enables it,
    whatever it was before. `mpguard check` runs with the collector off (`cli.batch`); turned on in the
    middle of a run, its next collection scanned the whole project index: 0.3-0.6 s of a check of dask or
    distributed, for the one jedi question each asked. parso's `gc` becomes one that enables the collector
    again only if it was on when parso paused it (the language server's stays on, as before)."""
    import parso.cache

    if not isinstance(parso.cache.gc, _CollectorPause):
        parso.cache.gc = _CollectorPause()


class _CollectorPause:
    """The `gc` parso's cache reads (`disable`, `enable` only), remembering per thread whether it was on."""

    def __init__(self):
        self._was = threading.local()

    def disable(self) -> None:
        self._was.on = gc.isenabled()
        gc.disable()

    def enable(self) -> None:
        if getattr(self._was, "on", True):
            gc.enable()


_environment = None


def own_environment():
    """jedi's view of the interpreter mpguard runs on (started lazily, once per process)."""
    global _environment
    if _environment is None:
        from jedi.api.environment import SameEnvironment

        _environment = SameEnvironment()
    return _environment


def stop_helper() -> None:
    """Stop jedi's helper process and the thread of this process that reads its stderr, and forget the
    environment (jedi starts another when next asked): `mpguard check` forks its workers only while this
    process runs no other thread. Reaches into jedi's `Environment._subprocess` and
    `CompiledSubprocess._kill` (which kills the process and joins the thread); with a jedi that has
    neither, nothing is stopped and the thread stays."""
    global _environment
    helper = getattr(_environment, "_subprocess", None)
    _environment = None
    kill = getattr(helper, "_kill", None)
    if kill is not None and not getattr(helper, "is_crashed", False):
        try:
            kill()
        except Exception:  # noqa: BLE001  (a helper that is gone already)
            pass


def forget_environment() -> None:
    """Start afresh: a time budget that interrupted a jedi call may have left its helper process mid-answer."""
    global _environment
    _environment = None


def activated_site_packages() -> list[str]:
    """The `site-packages` folders of the environment named by `VIRTUAL_ENV` / `CONDA_PREFIX`, found by path."""
    found: list[str] = []
    for variable in ("VIRTUAL_ENV", "CONDA_PREFIX"):
        prefix = os.environ.get(variable)
        if not prefix or os.path.realpath(prefix) == os.path.realpath(sys.prefix):
            continue
        candidates = [Path(prefix, "Lib", "site-packages")]
        try:
            candidates += sorted(Path(prefix, "lib").glob("python3*/site-packages"))
        except OSError:
            pass
        found += [str(c) for c in candidates if c.is_dir()]
    return found


if "jedi" in sys.modules:  # already loaded by someone else: make it safe before any use
    _safe_jedi()


def _node_at(tree: ast.Module, line: int, name: str):
    """The def of `name` on `line`, or the lambda bound to it there."""
    for node in ast.walk(tree):
        if isinstance(node, FUNCS) and node.name == name and node.lineno == line:
            return node
        if isinstance(node, ast.Assign) and node.lineno == line and isinstance(node.value, ast.Lambda):
            if any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                return node.value
    return None
