"""Issue 15, "Ship it": what goes into the wheel and the sdist, the version, the licence, the pre-commit
hooks, and the docs that tell users how to configure mpguard and run it in CI."""
import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import textwrap
import zipfile
from pathlib import Path

import pytest

import mpguard
from mpguard import config

ROOT = Path(__file__).resolve().parents[1]
DOCS = sorted(p.name for p in (ROOT / "server/mpguard/rules/docs").glob("*.md"))
SHIPPED = ("pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md", ".pre-commit-hooks.yaml")
LAMBDA = ("import multiprocessing\nif __name__ == '__main__':\n    with multiprocessing.Pool(2) as pool:\n"
          "        print(pool.map(lambda x: x * 2, range(4)))\n")
UNGUARDED = ("from multiprocessing import Pool\n\ndef f(x):\n    return x\n\n"
             "with Pool(2) as pool:\n    print(pool.map(f, [1]))\n")


def clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def source_tree(tmp_path_factory) -> Path:
    """The working tree's packaging inputs, copied: building in /work/main would leave build/ behind."""
    tree = tmp_path_factory.mktemp("src")
    for name in SHIPPED:
        shutil.copy2(ROOT / name, tree / name)
    shutil.copytree(ROOT / "server/mpguard", tree / "server/mpguard",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return tree


@pytest.fixture(scope="module")
def wheel(source_tree, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source_tree)]
    if importlib.util.find_spec("wheel") and importlib.util.find_spec("setuptools"):
        command.insert(4, "--no-build-isolation")  # no network needed
    proc = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (built,) = out.glob("mpguard-*.whl")
    return built


def test_version_is_written_once():
    pyproject = config.tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in pyproject["project"] and "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "mpguard.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+(\.dev\d+|(a|b|rc)\d+)?", mpguard.__version__)
    # The VS Code extension carries its own version (package.json, and the .vsix name in the README):
    # kept equal by hand; this says when they drift.
    package = json.loads((ROOT / "client-vscode/package.json").read_text())
    assert package["version"] == mpguard.__version__


def test_wheel_ships_the_rule_docs_the_licence_and_the_version(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert {f"mpguard/rules/docs/{doc}" for doc in DOCS} <= names and len(DOCS) >= 20
    assert "mpguard/py.typed" in names
    tables = sorted((ROOT / "server/mpguard/semantic/data/errors").glob("*.json"))
    assert len(tables) >= 6 and {f"mpguard/semantic/data/errors/{t.name}" for t in tables} <= names
    assert any(n.endswith("LICENSE") and ".dist-info/" in n for n in names)
    assert f"\nVersion: {mpguard.__version__}\n" in metadata
    assert "License-Expression: MIT" in metadata and "Classifier: License ::" not in metadata  # PEP 639
    assert "Project-URL: Repository, https://github.com/mpguard/mpguard" in metadata


def test_sdist_ships_the_rule_docs(source_tree, tmp_path):
    """Built with the PEP 517 hook of the setuptools at hand (`build` is not a dependency)."""
    code = f"from setuptools import build_meta; print(build_meta.build_sdist({str(tmp_path)!r}))"
    proc = subprocess.run([sys.executable, "-c", code], cwd=source_tree, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    (sdist,) = tmp_path.glob("mpguard-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {f"server/mpguard/rules/docs/{doc}" for doc in DOCS} <= names
    assert {"LICENSE", "pyproject.toml", "README.md", "server/mpguard/py.typed"} <= names


def _outer_dependencies(python) -> None:
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True, env=clean_env()).stdout.strip())
    (site / "outer_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")


def test_the_installed_wheel_explains_and_checks(wheel, tmp_path):
    """A fresh virtual environment with only the wheel: the docs are found as package data and
    `mpguard rule` needs nothing else; with the dependencies importable, `mpguard check` runs."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    script = venv / ("Scripts/mpguard.exe" if os.name == "nt" else "bin/mpguard")
    proc = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                           "--no-index", str(wheel)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    work = tmp_path / "work"
    work.mkdir()
    read = ("import importlib.resources as r, mpguard; print(mpguard.__file__); "
            "print(r.files('mpguard.rules').joinpath('docs/MP201.md').read_text()[:40])")
    proc = subprocess.run([str(python), "-c", read], cwd=work, env=clean_env(), capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    where, docs = proc.stdout.split("\n", 1)
    assert Path(where).resolve().is_relative_to(venv.resolve()) and docs.strip()
    if sys.version_info < (3, 11):  # the configuration reader needs tomli there (tomllib is 3.11+)
        _outer_dependencies(python)
    proc = subprocess.run([str(script), "rule", "MP201"], cwd=work, env=clean_env(), capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0 and proc.stdout.startswith("# MP201 unpicklable-callable"), proc.stderr
    assert "## What it does" in proc.stdout
    # the dependencies (pygls, jedi, ...) from this environment, without its own (editable) mpguard
    _outer_dependencies(python)
    (work / "bad.py").write_text(LAMBDA)
    proc = subprocess.run([str(script), "check", "--output-format", "json", "bad.py"], cwd=work, env=clean_env(),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert [i["code"] for i in json.loads(proc.stdout)] == ["MP201"]
    # the rule's docs reach SARIF's descriptions and the editor's hover from the installed wheel
    from mpguard.rules.registry import get

    rule = get("MP201")
    what, use_instead = rule.section("What it does"), rule.code_block("Use instead")
    assert what and use_instead
    proc = subprocess.run([str(script), "check", "--output-format", "sarif", "bad.py"], cwd=work, env=clean_env(),
                          capture_output=True, text=True, timeout=120)
    (described,) = json.loads(proc.stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert described["fullDescription"]["text"] == what
    assert described["help"]["markdown"] == rule.docs
    hover = lsp_hover([str(script), "server"], work, work / "bad.py", LAMBDA)
    assert what in hover and use_instead in hover and "| Windows" in hover
    # issue 15's "Done when", from the wheel: a bad code is a usage error, a file's own project settings
    # apply from a parent folder, a .gitignore'd folder is skipped, SARIF URIs are valid references
    run = lambda *args: subprocess.run([str(script), *args], cwd=work, env=clean_env(), capture_output=True,
                                       text=True, timeout=120)
    assert run("check", "--select", "XX9", "bad.py").returncode == 2
    (work / "proj").mkdir()
    (work / "proj" / "pyproject.toml").write_text('[tool.mpguard]\nignore = ["MP201"]\n')
    (work / "proj" / "a.py").write_text(LAMBDA)
    proc = run("check", "--output-format", "json", "proj/a.py")
    assert proc.returncode == 0 and json.loads(proc.stdout) == [], proc.stderr
    (work / ".gitignore").write_text("ignored/\n")
    (work / "ignored").mkdir()
    (work / "ignored" / "x.py").write_text(LAMBDA)
    (work / "odd dir").mkdir()
    (work / "odd dir" / "y.py").write_text(LAMBDA)
    shown = run("check", "--show-files", ".").stdout.split()
    assert not any("ignored" in path for path in shown) and any(path.endswith("y.py") for path in shown), shown
    sarif = json.loads(run("check", "--output-format", "sarif", "odd dir/y.py").stdout)
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "odd%20dir/y.py", "uriBaseId": "%SRCROOT%"}


def lsp_hover(command, cwd: Path, path: Path, text: str) -> str:
    """The hover's markdown over the first diagnostic, from a server started with
    `command`, spoken to over stdio with plain JSON-RPC (no client library: the server is the wheel's)."""
    server = subprocess.Popen(command, cwd=cwd, env=clean_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL)

    def send(message):
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        server.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        server.stdin.flush()

    def receive(until):
        while True:
            length = 0
            while True:
                line = server.stdout.readline()
                assert line, "the server closed its output"
                if not line.strip():
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(server.stdout.read(length))
            if until(message):
                return message

    try:
        uri = path.as_uri()
        send({"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": cwd.as_uri(),
                                                          "capabilities": {}}})
        receive(lambda m: m.get("id") == 1)
        send({"method": "initialized", "params": {}})
        send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "python", "version": 1, "text": text}}})
        published = receive(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                            and m["params"]["diagnostics"])
        start = published["params"]["diagnostics"][0]["range"]["start"]
        send({"id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": uri}, "position": start}})
        hover = receive(lambda m: m.get("id") == 2)["result"]
        send({"id": 3, "method": "shutdown"})
        receive(lambda m: m.get("id") == 3)
        send({"method": "exit"})
        server.wait(timeout=30)
        return hover["contents"]["value"]
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_licence_and_changelog():
    licence = (ROOT / "LICENSE").read_text()
    assert licence.startswith("MIT License") and "Copyright (c) 2026 the mpguard developers" in licence
    pyproject = config.tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert pyproject["license"] == "MIT"
    assert {"Homepage", "Repository", "Issues", "Changelog"} <= set(pyproject["urls"])
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert "## [Unreleased]" in changelog and "keepachangelog.com" in changelog


# ---------------------------------------------------------------------------------------------------------
# pre-commit


def hooks() -> list:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())


def test_pre_commit_hooks_file():
    data = hooks()
    assert isinstance(data, list)
    by_id = {hook["id"]: hook for hook in data}
    assert set(by_id) == {"mpguard", "mpguard-fix"}
    for hook in data:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python" and hook["types_or"] == ["python", "jupyter"]
        assert shlex.split(hook["entry"])[:2] == ["mpguard", "check"]
    assert "--fix" in shlex.split(by_id["mpguard-fix"]["entry"])
    assert "--fix" not in shlex.split(by_id["mpguard"]["entry"])
    # the entries parse as command lines of this CLI
    from mpguard.cli.main import build_parser

    for hook in data:
        build_parser().parse_args(shlex.split(hook["entry"])[1:] + ["a.py"])


def git(cwd, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false",
                    *args], cwd=cwd, check=True, capture_output=True, timeout=60)


@pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None or shutil.which("git") is None,
                    reason="pre-commit or git is not installed")
def test_pre_commit_try_repo(source_tree, tmp_path):
    """`pre-commit try-repo` on a repository holding the working tree as it is now (committed there,
    since try-repo installs a commit), on a project with a fixable finding: `mpguard` fails, and
    `mpguard-fix` fixes it. pre-commit installs mpguard's dependencies from the package index."""
    repo = tmp_path / "repo"
    shutil.copytree(source_tree, repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "snapshot")
    project = tmp_path / "project"
    project.mkdir()
    (project / "a.py").write_text(LAMBDA)
    git(project, "init", "-q")
    git(project, "add", "a.py")
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(repo), "--files", "a.py"],
                          cwd=project, capture_output=True, text=True, timeout=600,
                          env=clean_env(PRE_COMMIT_HOME=str(tmp_path / "cache"),
                                        PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert re.search(r"^mpguard\.+Failed", proc.stdout, re.M), proc.stdout
    assert "a.py:4:" in proc.stdout and "MP201" in proc.stdout
    assert re.search(r"^mpguard \(fix\)\.+Failed", proc.stdout, re.M) and "files were modified" in proc.stdout
    assert "lambda" not in (project / "a.py").read_text()


# ---------------------------------------------------------------------------------------------------------
# docs


def test_configuration_docs_name_every_key():
    text = (ROOT / "docs/configuration.md").read_text()
    for key in config.KEYS:
        assert f"`{key}`" in text, key
    for pattern in config.DEFAULT_EXCLUDE:
        assert f"`{pattern}`" in text, pattern
    for name in config.CONFIG_FILES:
        assert f"`{name}`" in text


def test_configuration_docs_examples_are_valid(tmp_path):
    text = (ROOT / "docs/configuration.md").read_text()
    blocks = re.findall(r"```toml\n(.*?)```", text, re.S)
    assert len(blocks) == 2
    for block, name in zip(blocks, ("pyproject.toml", "mpguard.toml")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / name).write_text(block)
        (folder / "a.py").write_text("")
        resolved = config.resolve(folder / "a.py")
        assert resolved.config.path == folder / name and not resolved.messages, resolved.messages
    resolved = config.resolve(tmp_path / "pyproject.toml" / "a.py")
    assert resolved.settings.targets.min_version == (3, 10) and resolved.settings.freeze_support
    editor = json.loads(re.search(r"```json\n(.*?)```", text, re.S).group(1))
    assert not config.merge(config.Settings(), editor["mpguard"])[1]


def ci_commands() -> list:
    text = (ROOT / "docs/ci.md").read_text()
    lines = []
    for block in re.findall(r"```yaml\n(.*?)```", text, re.S):
        for line in block.splitlines():
            match = re.match(r"\s*(?:- )?run: (mpguard .*)$", line)
            if match:
                lines.append(match.group(1))
    return lines


def test_ci_docs_commands_run(tmp_path):
    commands = ci_commands()
    assert len(commands) == 3 and any("sarif" in c for c in commands) and any("--diff" in c for c in commands)
    (tmp_path / "bad.py").write_text(LAMBDA)
    (tmp_path / "unguarded.py").write_text(UNGUARDED)
    python = shlex.quote(sys.executable)
    results = {}
    for command in commands:
        proc = subprocess.run(f"{python} -m {command}", shell=True, cwd=tmp_path, capture_output=True, text=True,
                              timeout=300)
        assert "Traceback" not in proc.stderr, proc.stderr
        results[command] = proc
    github = next(p for c, p in results.items() if "github" in c)
    assert github.returncode == 1 and github.stdout.startswith("::error title=mpguard (MP201),file=bad.py,")
    sarif_run = next(p for c, p in results.items() if "sarif" in c)
    assert sarif_run.returncode == 0
    sarif = json.loads((tmp_path / "mpguard.sarif").read_text())
    assert sarif["version"] == "2.1.0"
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} == {"MP101", "MP201"}
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"bad.py", "unguarded.py"}
    diff = next(p for c, p in results.items() if "--diff" in c)
    assert diff.returncode == 1 and diff.stdout.startswith("--- a/")


def test_ci_docs_pre_commit_example_uses_the_shipped_hooks():
    yaml = pytest.importorskip("yaml")
    text = (ROOT / "docs/ci.md").read_text()
    example = next(yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if "repos:" in b)
    ids = {hook["id"] for repo in example["repos"] for hook in repo["hooks"]}
    assert ids <= {hook["id"] for hook in hooks()}
    assert example["repos"][0]["rev"] == f"v{mpguard.__version__}"
