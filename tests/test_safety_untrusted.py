"""Checking an untrusted project runs none of its code (issue 19, "Security"); see docs/safety.md.

The project shadows standard-library modules (`functools.py`, `ast.py`, ...), ships `conftest.py` and
`sitecustomize.py`, and has a `.venv` whose `bin/python` leaves a marker and whose `site-packages` holds a
`.pth` file and a `sitecustomize.py` that would do the same. mpguard runs with the working directory
inside it and `VIRTUAL_ENV` pointing at that `.venv` (as an editor that activates the project's
environment does), through the installed entry point, `python -m mpguard`, the VS Code launcher and
the language server. No marker may appear. (tests/test_no_execution.py covers the analysed modules.)
"""
from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp.client import make_test_lsp_client

from lsp_helpers import start
from test_fuzz_lsp import TIMEOUT, hover, open_document, until

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the fake interpreter is a shell script")
REPO = Path(__file__).resolve().parents[1]
ENTRY_POINT = Path(sys.executable).with_name("mpguard")
# What mpguard imports once its own code runs; `python -m` must not take them from the working directory.
SHADOWED = ("ast", "json", "argparse", "difflib", "dataclasses", "pathlib", "typing", "tokenize", "hashlib",
            "tempfile", "signal", "threading", "tomllib", "tomli", "re", "enum", "textwrap", "fnmatch", "symtable",
            "copy", "weakref", "string", "bisect", "heapq", "token", "linecache", "inspect", "struct", "shlex",
            "glob", "locale", "traceback", "jedi", "parso", "pygls", "lsprotocol", "attrs", "cattrs")
# What `python -m` itself imports (runpy, importlib.util) before any code of mpguard's can run, so that no
# `__main__.py` can protect them (the issue's own example, functools.py, is one): only the entry point,
# `python -I` / `-P` and the VS Code launcher do.
BEFORE_MPGUARD = ("importlib", "contextlib", "warnings", "functools", "collections", "keyword", "operator", "types",
                  "reprlib")
SCRIPT = textwrap.dedent("""\
    import multiprocessing

    from venvpkg import work

    if __name__ == "__main__":
        multiprocessing.Process(target=work, args=(1,)).start()
    """)


def trap(marker: Path, name: str) -> str:
    return (f"import os as _os\nopen({str(marker / name)!r}, 'w').write('executed')\n"
            f"_os.system({'touch ' + str(marker / (name + '.system'))!r})\n")


def malicious_project(root: Path, shadow: tuple[str, ...]) -> tuple[Path, dict[str, str]]:
    """The project, its marker folder, and the environment of a shell that activated its `.venv`."""
    marker = root / "markers"
    marker.mkdir()
    for name in shadow:
        (root / f"{name}.py").write_text(trap(marker, name))
    for name in ("conftest", "sitecustomize", "usercustomize", "setup"):
        (root / f"{name}.py").write_text(trap(marker, name))
    (root / "project.pth").write_text(f"import os; open({str(marker / 'project_pth')!r}, 'w')\n")
    venv = root / ".venv"
    (venv / "bin").mkdir(parents=True)
    for name in ("python", "python3", f"python3.{sys.version_info.minor}"):
        fake = venv / "bin" / name
        fake.write_text(f"#!/bin/sh\ntouch {marker / ('venv_' + name)}\nexit 1\n")
        fake.chmod(0o755)
    (venv / "pyvenv.cfg").write_text(f"home = /usr/bin\nversion = 3.{sys.version_info.minor}.0\n")
    site = venv / "lib" / f"python3.{sys.version_info.minor}" / "site-packages"
    (site / "venvpkg").mkdir(parents=True)
    (site / "evil.pth").write_text(f"import os; open({str(marker / 'venv_pth')!r}, 'w')\n")
    (site / "sitecustomize.py").write_text(trap(marker, "venv_sitecustomize"))
    (site / "venvpkg" / "__init__.py").write_text("work = lambda x: x\n")  # found by path, read as source
    (root / "script.py").write_text(SCRIPT)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSAFEPATH", "CONDA_PREFIX")}
    env.update(VIRTUAL_ENV=str(venv), PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}")
    return marker, env


def nothing_ran(marker: Path) -> None:
    assert sorted(p.name for p in marker.iterdir()) == [], "project code was executed"


def check(command: list[str], root: Path, env: dict[str, str]) -> list[dict]:
    proc = subprocess.run(command + ["check", "--output-format", "json", "script.py"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


def jedi_read_the_venv(items: list[dict]) -> bool:
    """`work` is a lambda in the venv's site-packages: jedi found it there by path, without its python."""
    return any(i["code"] == "MP201" and "a lambda in venvpkg" in i["message"] for i in items)


def test_python_m_mpguard_imports_nothing_from_the_working_directory(tmp_path):
    """`__main__.py` drops the cwd from sys.path before importing anything of mpguard's."""
    marker, env = malicious_project(tmp_path, SHADOWED)
    items = check([sys.executable, "-m", "mpguard"], tmp_path, env)
    nothing_ran(marker)
    assert jedi_read_the_venv(items)


@pytest.mark.parametrize("how", ["entry point", "python -I -m", "VS Code launcher"])
def test_the_safe_ways_to_start_mpguard_import_nothing_from_the_project(tmp_path, how):
    """With the modules `python -m` itself takes from the cwd shadowed too."""
    marker, env = malicious_project(tmp_path, SHADOWED + BEFORE_MPGUARD)
    if how == "entry point" and not ENTRY_POINT.exists():
        pytest.skip("mpguard is not installed as a command")
    command = {"entry point": [str(ENTRY_POINT)], "python -I -m": [sys.executable, "-I", "-m", "mpguard"],
               "VS Code launcher": [sys.executable, str(REPO / "client-vscode" / "bundled" / "tool" / "launch.py")]}
    items = check(command[how], tmp_path, env)
    nothing_ran(marker)
    assert jedi_read_the_venv(items)


def test_jedi_never_runs_the_activated_environments_python(tmp_path, monkeypatch):
    """Before issue 19, jedi took its environment from VIRTUAL_ENV and started `.venv/bin/python`."""
    from mpguard.resolve import jedi_resolver

    marker, env = malicious_project(tmp_path, ())
    monkeypatch.setenv("VIRTUAL_ENV", env["VIRTUAL_ENV"])
    monkeypatch.setenv("CONDA_PREFIX", env["VIRTUAL_ENV"])
    monkeypatch.setattr(jedi_resolver, "_environment", None)
    resolver = jedi_resolver.JediResolver(tmp_path, budget=600)  # its usual 1 s is wall time: not on a busy machine
    assert resolver.definition_kind("venvpkg.work") == "lambda"
    assert resolver.definition_kind("os.path.join") == "function"  # mpguard's own interpreter's library
    nothing_ran(marker)
    assert jedi_resolver.own_environment().executable == sys.executable
    assert str(Path(env["VIRTUAL_ENV"]) / "lib") in jedi_resolver.activated_site_packages()[0]


def test_the_server_started_by_its_entry_point_runs_nothing(tmp_path):
    if not ENTRY_POINT.exists():
        pytest.skip("mpguard is not installed as a command")
    marker, env = malicious_project(tmp_path, SHADOWED + BEFORE_MPGUARD)
    uri = (tmp_path / "script.py").as_uri()

    async def session():
        client = make_test_lsp_client()
        await client.start_io(str(ENTRY_POINT), "server", cwd=str(tmp_path), env=env)
        published: list[types.PublishDiagnosticsParams] = []
        original = client.protocol.fm.features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

        def record(params):
            published.append(params)
            original(params)

        client.protocol.fm.features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record
        try:
            await asyncio.wait_for(start(client, tmp_path), TIMEOUT)
            open_document(client, uri, SCRIPT)
            await until(lambda: any(p.uri == uri and p.diagnostics for p in published), "diagnostics")
            diagnostics = [p for p in published if p.uri == uri][-1].diagnostics
            assert any(d.code == "MP201" and "venvpkg" in d.message for d in diagnostics)
            await hover(client, uri, diagnostics[0].range.start.line, diagnostics[0].range.start.character)
            await asyncio.wait_for(client.shutdown_session(), TIMEOUT)
        finally:
            server = client._server
            if server is not None and server.returncode is None:
                server.kill()
                await server.wait()
            await client.stop()

    asyncio.run(session())
    nothing_ran(marker)
