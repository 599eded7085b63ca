"""The layers of docs/architecture.md hold: import-linter's contracts (pyproject.toml) pass, and the import
graph between mpguard's parts (each subpackage and each top-level module) has no cycle. grimp, which
import-linter uses, counts imports inside functions as well."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
grimp = pytest.importorskip("grimp", reason="import-linter is not installed (pip install -e '.[test]')")


def _lint_imports() -> str | None:
    exe = Path(sys.executable).with_name("lint-imports")
    return str(exe) if exe.exists() else shutil.which("lint-imports")


def test_import_linter_contracts_are_kept():
    exe = _lint_imports()
    if exe is None:
        pytest.skip("lint-imports is not installed (pip install -e '.[test]')")
    # --config: import-linter 2.15 (the newest for Python 3.10) takes no positional path
    done = subprocess.run([exe, "--config", str(ROOT / "pyproject.toml")], cwd=ROOT / "server", capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def _parts_graph() -> dict[str, set[str]]:
    graph = grimp.build_graph("mpguard", cache_dir=None)
    def part(module: str) -> str:
        return ".".join(module.split(".")[:2])
    edges: dict[str, set[str]] = {}
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.startswith("mpguard.") and part(imported) != part(module):
                edges.setdefault(part(module), set()).add(part(imported))
    return edges


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_parts_import_each_other_without_a_cycle():
    edges = _parts_graph()
    assert "mpguard.semantic" in edges["mpguard.linter"] and "mpguard.text" in edges["mpguard.linter"]
    assert _cycle(edges) is None, " -> ".join(_cycle(edges))


def test_the_cycle_check_sees_imports_inside_functions(tmp_path, monkeypatch):
    pkg = tmp_path / "layered"
    (pkg / "low").mkdir(parents=True)
    (pkg / "high").mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "low" / "__init__.py").write_text("def late():\n    from layered.high import thing  # noqa\n")
    (pkg / "high" / "__init__.py").write_text("from layered import low\nthing = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("layered", cache_dir=None)
    assert "layered.high" in graph.find_modules_directly_imported_by("layered.low")


def test_the_model_and_the_driver_never_read_configuration_or_the_front_ends():
    graph = grimp.build_graph("mpguard", cache_dir=None)
    for layer in ("text", "semantic", "resolve", "fixes", "rules", "linter"):
        for module in graph.find_children(f"mpguard.{layer}") | {f"mpguard.{layer}"}:
            bad = {m for m in graph.find_modules_directly_imported_by(module)
                   if m.split(".")[:2] in (["mpguard", "config"], ["mpguard", "cli"], ["mpguard", "lsp"])}
            assert not bad, f"{module} imports {sorted(bad)}"


def test_docs_name_the_layers_in_the_contracts_order():
    contract = re.search(r'layers = \[(.*?)\]', (ROOT / "pyproject.toml").read_text(), re.S).group(1)
    layers = re.findall(r'"mpguard\.(\w+)"', contract)
    picture = (ROOT / "docs" / "architecture.md").read_text()
    drawn = [name for name in re.findall(r"^  (\w+)(?:/|\.py)?\s", picture, re.M)]
    assert [n for n in drawn if n in layers] == [n for n in layers if n != "__main__"], drawn
