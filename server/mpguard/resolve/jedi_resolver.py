"""The resolver of last resort: jedi, for names `ast` alone can't place (installed packages,
re-exports through `__init__`, star imports).

jedi is imported lazily, asked only when a value actually reaches a child process, given a time
budget per resolver, and its answers are cached. It never executes the analysed code: jedi reads
source files, unsafe (compiled) extensions are not loaded (`load_unsafe_extensions=False`), and
jedi's `auto_import_modules` (modules it would import for real) is emptied.
"""
from __future__ import annotations

import ast
import sys
import time
from pathlib import Path

from mpguard.semantic.returns import ReturnSummary, summarize_returns

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
DEFAULT_BUDGET = 1.0  # seconds of jedi per resolver (one analysis of one file)


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
        if self.spent >= self.budget or "." not in qualified:
            return None
        started = time.perf_counter()
        try:
            found = self._lookup(qualified)
        except Exception:  # jedi raising on odd code must not break the analysis
            found = None
        finally:
            self.spent += time.perf_counter() - started
        self._cache[qualified] = found
        return found

    def _lookup(self, qualified: str):
        jedi = _safe_jedi()
        module, _, name = qualified.rpartition(".")
        project = jedi.Project(self.root or Path.cwd(), load_unsafe_extensions=False, smart_sys_path=True)
        script = jedi.Script(f"from {module} import {name}\n{name}\n", project=project)
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
                self._trees[path] = ast.parse(Path(path).read_bytes())
            except (OSError, SyntaxError, ValueError, RecursionError):
                self._trees[path] = None
        return self._trees[path]


def _safe_jedi():
    """jedi, configured so that it cannot run anything: it imports the modules named in
    `auto_import_modules` for real (default: "gi"), so a project package of that name would run."""
    import jedi  # lazy: the CLI and the server start without it

    jedi.settings.auto_import_modules = []
    return jedi


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
