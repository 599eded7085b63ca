"""mpguard never executes the code it analyses: not the checked script, not the modules it imports.

A throw-away project whose every module would leave a marker file (and then raise) if it were ever
imported or run is checked by `mpguard check` and opened in the language server (diagnostics,
hover, code actions, fix-all). No marker may appear, and the cross-file findings must still be
there (proof that the other modules were read, by parsing them). A static scan of mpguard's own
sources backs this up; see docs/safety.md.
"""
from __future__ import annotations

import ast
import asyncio
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from lsprotocol import types

from test_fuzz_lsp import TIMEOUT, alive, hover, open_document, running_server, until

PACKAGE = Path(__file__).resolve().parents[1] / "server" / "mpguard"


def booby_trap(marker: Path, name: str) -> str:
    """Module-level code that leaves evidence, then makes the import fail loudly."""
    return textwrap.dedent(f"""\
        import os as _os
        open({str(marker / name)!r}, "w").write("executed")
        _os.system({f"touch {marker / (name + '.system')}"!r})
        if _os.sep:  # always true; a bare raise would make the code below it dead, and so unchecked
            raise SystemExit("{name} was executed by the analyser")
        """)


def make_project(root: Path) -> tuple[Path, Path]:
    marker = root / "markers"
    marker.mkdir()
    (root / "app").mkdir()
    (root / "app" / "__init__.py").write_text(booby_trap(marker, "app_init"))
    (root / "app" / "factories.py").write_text(booby_trap(marker, "factories") + textwrap.dedent("""

        def make_multiplier(k):
            def multiply(x):
                return x * k
            return multiply
        """))
    (root / "app" / "helpers.py").write_text(booby_trap(marker, "helpers") + textwrap.dedent("""
        import multiprocessing

        POOL = multiprocessing.Pool(2)


        def cube(x):
            return x ** 3
        """))
    (root / "sitecustomize.py").write_text(booby_trap(marker, "sitecustomize"))
    (root / "conftest.py").write_text(booby_trap(marker, "conftest"))
    (root / "setup.py").write_text(booby_trap(marker, "setup"))
    (root / "pyproject.toml").write_text("[tool.mpguard]\n")
    script = root / "script.py"
    script.write_text(booby_trap(marker, "script") + textwrap.dedent("""
        import multiprocessing

        from app.factories import make_multiplier
        from app.helpers import cube
        import app.helpers


        def run(fn):
            print(fn(7))


        with multiprocessing.Pool(2) as pool:
            pool.map(lambda x: x, [1])

        if __name__ == "__main__":
            p = multiprocessing.Process(target=run, args=(make_multiplier(3),))
            p.start()
            p.join()
        """))
    return script, marker


def assert_nothing_ran(marker: Path) -> None:
    assert sorted(p.name for p in marker.iterdir()) == [], "analysed code was executed"


def test_cli_never_executes_the_project(tmp_path):
    script, marker = make_project(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "mpguard", "check", "--output-format", "json", "."],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr
    assert_nothing_ran(marker)
    items = json.loads(proc.stdout)
    script_codes = {i["code"] for i in items if Path(i["filename"]).name == "script.py"}
    # The factory's closure (another module) and the import-time pool in app.helpers were found by reading them.
    assert "MP201" in script_codes, items
    assert len({i["filename"] for i in items}) >= 2


def test_cli_fix_and_diff_never_execute(tmp_path):
    script, marker = make_project(tmp_path)
    for extra in (["--diff"], ["--fix", "--unsafe-fixes"]):
        proc = subprocess.run([sys.executable, "-m", "mpguard", "check", *extra, str(script)],
                              cwd=tmp_path, capture_output=True, text=True, timeout=300)
        assert "Traceback" not in proc.stderr, proc.stderr
    assert_nothing_ran(marker)


def test_server_never_executes_the_project(tmp_path):
    script, marker = make_project(tmp_path)
    uri = script.as_uri()

    async def session():
        async with running_server(tmp_path) as client:
            open_document(client, uri, script.read_text())
            helpers = tmp_path / "app" / "helpers.py"
            open_document(client, helpers.as_uri(), helpers.read_text())
            await until(lambda: any(p.uri == uri and p.diagnostics for p in client.published), "diagnostics")
            diagnostics = [p for p in client.published if p.uri == uri][-1].diagnostics
            assert "MP201" in {d.code for d in diagnostics}
            for diag in diagnostics:
                await hover(client, uri, diag.range.start.line, diag.range.start.character)
                await asyncio.wait_for(client.text_document_code_action_async(types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri), range=diag.range,
                    context=types.CodeActionContext(diagnostics=[diag]))), TIMEOUT)
            await asyncio.wait_for(client.workspace_execute_command_async(types.ExecuteCommandParams(
                command="mpguard.fixAll", arguments=[uri])), TIMEOUT)
            # An edit to the imported module re-checks the script (cross-file), still without running anything.
            client.text_document_did_change(types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=helpers.as_uri(), version=2),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=helpers.read_text() + "\n")]))
            await asyncio.sleep(0.5)
            assert alive(client)
        assert_nothing_ran(marker)

    asyncio.run(session())


def test_cli_never_imports_a_project_package_named_like_a_jedi_auto_import(tmp_path):
    """jedi really imports the modules in `jedi.settings.auto_import_modules` (default: ["gi"]).

    A project package called `gi` that is importable (PYTHONPATH, an editable install) must still
    only be parsed when the jedi fallback is asked about one of its names.
    """
    marker = tmp_path / "markers"
    marker.mkdir()
    (tmp_path / "gi").mkdir()
    (tmp_path / "gi" / "__init__.py").write_text(booby_trap(marker, "gi").replace("raise SystemExit", "print")
                                                 + "from gi._impl import *\n")
    (tmp_path / "gi" / "_impl.py").write_text(booby_trap(marker, "gi_impl").replace("raise SystemExit", "print")
                                              + "def work(x):\n    return x\n")
    script = tmp_path / "script.py"
    script.write_text("import multiprocessing\nfrom gi import work\n\nif __name__ == '__main__':\n"
                      "    multiprocessing.Process(target=work, args=(1,)).start()\n")
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    proc = subprocess.run([sys.executable, "-m", "mpguard", "check", "--output-format", "json", str(script)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode in (0, 1), proc.stderr
    assert_nothing_ran(marker)


# --- static guarantees ---------------------------------------------------------------------------------
BANNED_CALLS = {"exec", "eval", "execfile", "__import__", "import_module", "find_spec", "find_module",
                "load_module", "exec_module", "run_path", "run_module", "system", "popen", "Popen",
                "spawnv", "execv", "execvp", "Interpreter", "load_unsafe_extensions"}
BANNED_IMPORTS = {"runpy", "subprocess", "ctypes", "imp", "pydoc", "code", "codeop"}
# The one sanctioned use of ctypes: the server hands freed heap back to the OS with glibc's
# malloc_trim after analysing a large document (no analysed code is involved).
ALLOWED = {("lsp/analysis.py", "ctypes")}


def mpguard_sources():
    return sorted(PACKAGE.rglob("*.py"))


def test_mpguard_has_no_way_to_run_code():
    """No exec/eval/import machinery in mpguard itself: analysed files are only ever parsed with `ast`."""
    offences = []
    for path in mpguard_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                if name in BANNED_CALLS:
                    offences.append(f"{path.relative_to(PACKAGE)}:{node.lineno} calls {name}()")
                if name == "compile" and any(isinstance(a, ast.Constant) and a.value in ("exec", "eval", "single")
                                             for a in node.args[2:3]):
                    offences.append(f"{path.relative_to(PACKAGE)}:{node.lineno} compiles to bytecode")
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                for name in names:
                    where = path.relative_to(PACKAGE).as_posix()
                    if (where, name) in ALLOWED:
                        assert "malloc_trim" in path.read_text(encoding="utf-8")
                        continue
                    if name.split(".")[0] in BANNED_IMPORTS or name == "importlib.util":
                        offences.append(f"{path.relative_to(PACKAGE)}:{node.lineno} imports {name}")
    assert offences == []


def jedi_users() -> list[Path]:
    users = []
    for path in mpguard_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "jedi" for a in node.names):
                users.append(path)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "jedi":
                users.append(path)
    return sorted(set(users))


def test_jedi_is_not_used_or_cannot_execute():
    """Today no mpguard module imports jedi (resolver.py only mentions a future JediResolver).

    If one does, it must keep jedi from importing or running anything: no `jedi.Interpreter`,
    no unsafe extensions, and `jedi.settings.auto_import_modules` emptied (its default, ["gi"],
    makes jedi really import those modules).
    """
    users = jedi_users()
    code = "import sys, mpguard.cli, mpguard.lsp.server, mpguard.linter.analyze; print('jedi' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert loaded.returncode == 0, loaded.stderr
    if not users:
        assert loaded.stdout.strip() == "False", "jedi is imported although no mpguard module names it"
        return
    for path in users:
        source = path.read_text(encoding="utf-8")
        assert "Interpreter(" not in source, f"{path.name} uses jedi.Interpreter, which runs code"
        assert "load_unsafe_extensions=True" not in source
    check = ("import jedi, " + ", ".join("mpguard." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts)
                                          for p in users) +
             "; print(list(jedi.settings.auto_import_modules))")
    settings = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=120)
    assert settings.stdout.strip() == "[]", "jedi.settings.auto_import_modules must be empty: " + settings.stdout
