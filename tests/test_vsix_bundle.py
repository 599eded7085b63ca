"""What the .vsix bundles (issue 15): client-vscode/scripts/bundle_python.mjs's `finish` step, run here
with node on a bundled/libs laid out as `pip install --target` lays it out (mpguard built from this tree,
its dependencies copied from this environment: no network). It trims jedi's third-party stubs, and
gathers every bundled distribution's licence text into THIRD-PARTY-NOTICES.txt; the jedi-based
features then still work from the trimmed libs alone (no site-packages), in the resolver and in the
language server started by the extension's launcher."""
import importlib.metadata
import importlib.util
import json
import os
import queue
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from test_jedi_resolver import SCRIPT

ROOT = Path(__file__).resolve().parents[1]
CLIENT = ROOT / "client-vscode"
DEPENDENCIES = ["pygls", "lsprotocol", "jedi", "parso", "attrs", "cattrs", "typing_extensions", "exceptiongroup",
                "tomli"]
pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node runs the extension's bundle script")


def copy_distribution(name: str, libs: Path) -> bool:
    """A distribution's files (its RECORD: the package and its dist-info), as pip would install them."""
    try:
        dist = importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return False  # e.g. tomli and exceptiongroup, not installed on Python 3.11+
    for file in dist.files or ():
        if file.suffix == ".pyc" or ".." in file.parts:
            continue
        source = Path(dist.locate_file(file))
        if source.is_file():
            target = libs / file
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return True


def tree_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> Path:
    """tmp/bundled/{libs,tool}, like client-vscode/bundled after `npm run bundle-python`."""
    root = tmp_path_factory.mktemp("ext") / "bundled"
    libs = root / "libs"
    source = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "server/mpguard", source / "server/mpguard",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    command = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-compile", "--target", str(libs),
               str(source)]
    if importlib.util.find_spec("setuptools") and importlib.util.find_spec("wheel"):
        command.insert(4, "--no-build-isolation")
    proc = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    copied = [name for name in DEPENDENCIES if copy_distribution(name, libs)]
    assert {"pygls", "lsprotocol", "jedi", "parso"} <= set(copied)
    shutil.copytree(CLIENT / "bundled" / "tool", root / "tool")
    return root


@pytest.fixture(scope="module")
def finished(bundled, tmp_path_factory):
    libs = bundled / "libs"
    jedi_before = tree_size(libs / "jedi")
    notices = tmp_path_factory.mktemp("out") / "THIRD-PARTY-NOTICES.txt"
    script = (f"import({json.dumps((CLIENT / 'scripts' / 'bundle_python.mjs').as_uri())})"
              f".then((m) => m.finish({json.dumps(str(libs))}, {json.dumps(str(notices))}))")
    proc = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return libs, notices.read_text(), jedi_before, tree_size(libs / "jedi")


def test_jedi_third_party_stubs_are_trimmed_and_the_stdlib_stubs_kept(finished):
    libs, _, (files_before, bytes_before), (files_after, bytes_after) = finished
    typeshed = libs / "jedi" / "third_party" / "typeshed"
    assert not (typeshed / "stubs").exists() and not (libs / "jedi" / "third_party" / "django-stubs").exists()
    assert (typeshed / "stdlib" / "builtins.pyi").is_file() and (typeshed / "LICENSE").is_file()
    # most of jedi's size was stubs nothing here reads (measured: 5,704 files / 34 MB -> about 900 / 6 MB)
    assert bytes_after < bytes_before / 3 and files_after < files_before / 3, (files_before, bytes_before,
                                                                               files_after, bytes_after)
    print(f"jedi: {files_before} files, {bytes_before / 1e6:.1f} MB -> {files_after} files, {bytes_after / 1e6:.1f} MB")


def test_every_bundled_distribution_has_its_licence_text_in_the_notices(finished):
    libs, notices, _, _ = finished
    dists = sorted(p for p in libs.iterdir() if p.name.endswith(".dist-info"))
    assert len(dists) >= 7
    for dist in dists:
        meta = importlib.metadata.PathDistribution(dist).metadata
        assert f"\n{meta['Name']} {meta['Version']} (licence: " in notices, dist.name
        licences = [p for p in dist.rglob("*") if p.is_file() and p.name.upper().startswith(("LICEN", "COPYING"))]
        assert licences, f"{dist.name} ships no licence file"
        for licence in licences:
            assert licence.read_text().strip() in notices, licence
    assert (libs / "jedi/third_party/typeshed/LICENSE").read_text().strip() in notices
    assert "Copyright (c) 2026 the mpguard developers" in notices  # mpguard's own, from its wheel


def test_the_vsix_ships_the_notices():
    ignore = (CLIENT / ".vscodeignore").read_text().splitlines()
    assert "!THIRD-PARTY-NOTICES.txt" in ignore


FAKE_YAML = textwrap.dedent("""
    def make_loader(kind):
        def load(text):
            return kind, text
        return load
""")


def test_jedi_features_work_from_the_trimmed_libs_alone(finished, tmp_path):
    """No site-packages (`python -S`): mpguard, jedi and parso come from the libs. jedi still places a
    re-exported factory, a standard-library function (through the kept stdlib stubs) and a function of
    a package whose typeshed stubs were trimmed (`yaml`, here a stand-in on the project's path, which
    jedi searches: jedi reads sys.path from the interpreter, not from this process)."""
    libs = finished[0]
    project = tmp_path / "project"
    (project / "extpkg").mkdir(parents=True)
    # a star import: the AST pass follows named re-exports itself (tests/test_jedi_resolver.py), defers this one
    (project / "extpkg" / "__init__.py").write_text("from extpkg._impl import *\n")
    (project / "extpkg" / "_impl.py").write_text(textwrap.dedent("""
        def make_scaler(k):
            def scale(x):
                return x * k
            return scale

        def traced(f):
            def wrapper(*a):
                return f(*a)
            return wrapper
    """))
    (project / "yaml").mkdir()
    (project / "yaml" / "__init__.py").write_text(FAKE_YAML)
    probe = textwrap.dedent(f"""
        import ast, json, sys
        sys.path[:0] = [{str(libs)!r}]
        import jedi, mpguard
        from mpguard.linter.analyze import analyze
        from mpguard.linter.settings import Settings
        from mpguard.linter.summaries import SUMMARIZER
        from mpguard.resolve.jedi_resolver import JediResolver
        from mpguard.resolve.project import ProjectResolver
        project = {str(project)!r}
        resolver = JediResolver(project, budget=60.0)
        script = {SCRIPT!r}
        findings = analyze(script, project + "/main.py", Settings(),
                           ProjectResolver([project], resolver, SUMMARIZER)).findings
        print(json.dumps({{
            "jedi": jedi.__file__, "mpguard": mpguard.__file__, "site": [p for p in sys.path if "site-packages" in p],
            "mp201_rows": sorted(f.start.row for f in findings if f.code == "MP201"),
            "stdlib": type(resolver.definition("json.dumps")).__name__,
            "trimmed_package": type(resolver.definition("yaml.make_loader")).__name__,
            "closure": resolver.returns("yaml.make_loader").kind,
        }}))
    """)
    proc = subprocess.run([sys.executable, "-S", "-c", probe], cwd=project, capture_output=True, text=True,
                          timeout=300, env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    assert seen["jedi"].startswith(str(libs)) and seen["mpguard"].startswith(str(libs)) and not seen["site"]
    assert seen["mp201_rows"] == [11, 12]  # make_scaler(2) and the @traced function, placed by jedi
    assert seen["stdlib"] == "FunctionDef" and seen["trimmed_package"] == "FunctionDef"
    assert seen["closure"] == "closure"


def test_the_launcher_serves_jedi_findings_from_the_trimmed_libs(finished, bundled, tmp_path):
    """The language server as the extension starts it (bundled/tool/launch.py, no site-packages) publishes
    a finding only jedi can place."""
    from test_packaging import clean_env

    project = tmp_path / "project"
    (project / "extpkg").mkdir(parents=True)
    # a star import: the AST pass follows named re-exports itself (tests/test_jedi_resolver.py), defers this one
    (project / "extpkg" / "__init__.py").write_text("from extpkg._impl import *\n")
    (project / "extpkg" / "_impl.py").write_text(
        "def make_scaler(k):\n    def scale(x):\n        return x * k\n    return scale\n\n"
        "def traced(f):\n    def wrapper(*a):\n        return f(*a)\n    return wrapper\n")
    (project / "main.py").write_text(SCRIPT)
    server = subprocess.Popen([sys.executable, "-S", str(bundled / "tool" / "launch.py"), "server"], cwd=project,
                              env=clean_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL)
    try:
        rpc = JsonRpc(server)
        rpc.send({"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": project.as_uri(),
                                                              "capabilities": {}}})
        rpc.receive(lambda m: m.get("id") == 1)
        rpc.send({"method": "initialized", "params": {}})
        uri = (project / "main.py").as_uri()
        rpc.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "python", "version": 1, "text": SCRIPT}}})
        first = rpc.receive(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        assert not first["params"]["diagnostics"]  # the AST pass defers both names to jedi
        # then jedi's pass. Which of the two it places depends on its time budget (1 s a resolver, and
        # the first lookup always runs), so one is enough to show that jedi works from the libs.
        published = rpc.receive(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and any(d.get("code") == "MP201" for d in m["params"]["diagnostics"]))
        rows = {d["range"]["start"]["line"] + 1 for d in published["params"]["diagnostics"] if d["code"] == "MP201"}
        assert rows and rows <= {11, 12}
        rpc.send({"id": 2, "method": "shutdown"})
        rpc.receive(lambda m: m.get("id") == 2)
        rpc.send({"method": "exit"})
        server.wait(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


class JsonRpc:
    """LSP's framing over a subprocess's stdin/stdout. A thread reads the server's messages, so that
    `receive` gives up after TIMEOUT seconds instead of hanging the suite."""

    TIMEOUT = 120

    def __init__(self, process):
        self.process = process
        self.messages = queue.Queue()
        self.seen = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stdout = self.process.stdout
        while True:
            length = 0
            while True:
                line = stdout.readline()
                if not line:
                    self.messages.put(None)
                    return
                if not line.strip():
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            self.messages.put(json.loads(stdout.read(length)))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def receive(self, until) -> dict:
        deadline = time.monotonic() + self.TIMEOUT
        while True:
            try:
                message = self.messages.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no matching message in {self.TIMEOUT} s; seen: {self.seen[-5:]}") from None
            assert message is not None, f"the server closed its output; seen: {self.seen[-5:]}"
            self.seen.append(message)
            if until(message):
                return message
