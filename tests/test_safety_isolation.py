"""One bad file, folder or setting never costs the others their results (issue 19, "Crashes that lose every
other file's result", the per-file time budget, settings that would turn every rule off).

Before issue 19 each of these ended the whole run with a traceback, an empty stdout and exit code 1, which
reads as "findings". Now the file gets an MP002 finding (a folder: a warning on stderr), the other files
are checked, and the exit codes stay ruff's: 0 clean, 1 findings, 2 usage or internal error.
Nothing here measures time: the budget tests give a file a budget it cannot meet and check the report.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from mpguard.cli import budget, main
from mpguard.config import Config, errors, merge_config
from mpguard.linter import analyze as analysis
from mpguard.linter import files
from mpguard.linter.discovery import discover

cli_main_module = sys.modules["mpguard.cli.main"]
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions, signals and fork")
LAMBDA = textwrap.dedent("""\
    import multiprocessing

    if __name__ == "__main__":
        with multiprocessing.Pool(2) as pool:
            print(pool.map(lambda x: x * 2, range(4)))
    """)


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def items_of(out: str) -> dict[str, list[dict]]:
    by_file: dict[str, list[dict]] = {}
    for item in json.loads(out):
        by_file.setdefault(Path(item["filename"]).name, []).append(item)
    return by_file


def mpguard_command() -> list[str]:
    script = Path(sys.executable).with_name("mpguard")
    return [str(script)] if script.exists() else [sys.executable, "-I", "-m", "mpguard"]


# ---------------------------------------------------------------------------------------------------------
# Notebooks


def notebook(sources) -> str:
    return json.dumps({"cells": [{"cell_type": "code", "source": s, "metadata": {}} for s in sources],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def test_bad_notebooks_are_findings_and_the_run_goes_on(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a_number.ipynb").write_text(notebook([["import os\n", 3]]))
    (tmp_path / "b_null.ipynb").write_text(notebook([["import os\n", None]]))
    (tmp_path / "c_bare_null.ipynb").write_text(notebook([None]))
    (tmp_path / "d_deep.ipynb").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "e_deep_dict.ipynb").write_text('{"cells": ' + "[" * 100_000 + "]" * 100_000 + "}")
    (tmp_path / "z_bad.py").write_text(LAMBDA)
    code, out, err = run(capsys, "check", "--output-format", "json", ".")
    assert code == 1 and "Traceback" not in err
    by_file = items_of(out)
    for name, needle in [("a_number.ipynb", "cell 1: its source holds int, not text"),
                         ("b_null.ipynb", "cell 1: its source holds NoneType, not text"),
                         ("c_bare_null.ipynb", "cell 1: its source holds NoneType, not text"),
                         ("d_deep.ipynb", "nested too deeply"), ("e_deep_dict.ipynb", "nested too deeply")]:
        [item] = by_file[name]
        assert item["code"] == "MP002" and needle in item["message"], item
    assert [i["code"] for i in by_file["z_bad.py"]] == ["MP201"]
    code, out, err = run(capsys, "check", "--fix", "--output-format", "json", ".")  # --fix too
    assert code == 1 and "Traceback" not in err and "lambda" not in (tmp_path / "z_bad.py").read_text()
    assert {i["code"] for i in json.loads(out)} == {"MP002"}


# ---------------------------------------------------------------------------------------------------------
# Discovery


def deep_tree(root: Path, depth: int) -> Path:
    """root/d/d/.../d (depth folders) holding bad.py, made without recursion (`os.makedirs` recurses)."""
    folder = root
    for _ in range(depth):
        folder = folder / "d"
        os.mkdir(folder)
    (folder / "bad.py").write_text(LAMBDA)
    return folder / "bad.py"


def remove_deep_tree(root: Path) -> None:
    """Remove root/d/d/... from the bottom up: shutil.rmtree recurses once per level, so pytest's own
    cleanup of old temporary folders would fail on it (RecursionError) in a later session."""
    folders, folder = [], root / "d"
    while folder.is_dir():
        folders.append(folder)
        folder = folder / "d"
    for folder in reversed(folders):
        for child in folder.iterdir():
            if not child.is_dir():
                child.unlink()
        folder.rmdir()


def test_a_tree_1200_folders_deep_is_walked(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    deepest = deep_tree(tmp_path, 1_200)
    try:
        (tmp_path / "top.py").write_text(LAMBDA)
        code, out, err = run(capsys, "check", "--output-format", "json", ".")
        assert code == 1, err
        assert {Path(i["filename"]).resolve() for i in json.loads(out)} == {deepest, (tmp_path / "top.py").resolve()}
        assert run(capsys, "check", "--fix", ".")[0] == 0
        assert "lambda" not in deepest.read_text()
    finally:
        remove_deep_tree(tmp_path)


def test_discovery_order_is_each_folders_files_then_its_subfolders(tmp_path):
    for name in ("b/z.py", "b/a.py", "a/c/x.py", "a/y.py", "m.py", "a.ipynb", "n.txt", "build/skipped.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    assert found == ["a.ipynb", "m.py", "a/y.py", "a/c/x.py", "b/a.py", "b/z.py"]


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path, monkeypatch, capsys):
    """Simulated with a monkeypatched `os.scandir` (the real thing, as an unprivileged user, is below)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.py").write_text(LAMBDA)
    (tmp_path / "ok.py").write_text(LAMBDA)
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, out, err = run(capsys, "check", "--output-format", "json", ".")
    assert code == 1
    assert "mpguard: warning: locked: cannot list the folder (Permission denied); the files in it are not checked" in err
    assert list(items_of(out)) == ["ok.py"]
    (tmp_path / "ok.py").write_text("x = 1\n")
    code, out, err = run(capsys, "check", ".")
    assert code == 1 and "cannot list the folder" in err  # nothing found, but not everything was looked at
    assert "All checks passed" not in out and "No findings in 1 file, but some folders could not be listed" in out
    assert run(capsys, "check", "--exit-zero", ".")[0] == 0


def test_a_named_file_that_cannot_be_looked_at_is_its_own_finding(tmp_path, monkeypatch, capsys):
    """`mpguard check locked/x.py ok.py` where `locked` cannot be entered: stat raises PermissionError
    (not FileNotFoundError), which `Path.exists()` passed on as a traceback before issue 19."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "x.py").write_text(LAMBDA)
    (tmp_path / "ok.py").write_text(LAMBDA)
    real_stat = os.stat

    def stat(path, *args, **kwargs):
        if "locked" in Path(os.fspath(path)).parts[:-1]:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    code, out, err = run(capsys, "check", "--output-format", "json", "locked/x.py", "ok.py")
    assert code == 1 and "Traceback" not in err
    by_file = items_of(out)
    assert by_file["x.py"][0]["code"] == "MP002" and "Permission denied" in by_file["x.py"][0]["message"]
    assert [i["code"] for i in by_file["ok.py"]] == ["MP201"]
    assert run(capsys, "check", "no/such/file.py")[0] == 2  # missing altogether: still a usage error


def unprivileged() -> list[str] | None:
    """A prefix that runs a command as a user the permission bits apply to (root ignores them)."""
    if sys.platform == "win32":
        return None
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if not setpriv:
        return None
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    # That user must be able to run this interpreter at all (a pyenv build under /root is not readable by it).
    runs = subprocess.run(prefix + mpguard_command() + ["--version"], capture_output=True, timeout=60)
    return prefix if runs.returncode == 0 else None


@POSIX
def test_real_folders_that_cannot_be_entered(capsys):
    prefix = unprivileged()
    if prefix is None:
        pytest.skip("needs a user that file permissions apply to and that can run this interpreter")
    root = Path(tempfile.mkdtemp(prefix="mpguard-locked-"))
    try:
        os.chmod(root, 0o755)
        (root / "locked").mkdir()
        (root / "locked" / "x.py").write_text(LAMBDA)
        (root / "ok.py").write_text(LAMBDA)
        os.chmod(root / "ok.py", 0o644)
        os.chmod(root / "locked", 0o000)
        command = prefix + mpguard_command() + ["check", "--output-format", "json"]
        named = subprocess.run(command + ["locked/x.py", "ok.py"], cwd=root, capture_output=True, text=True,
                               timeout=300)
        assert named.returncode == 1 and "Traceback" not in named.stderr, named.stderr
        by_file = items_of(named.stdout)
        assert by_file["x.py"][0]["code"] == "MP002" and "Permission denied" in by_file["x.py"][0]["message"]
        assert [i["code"] for i in by_file["ok.py"]] == ["MP201"]
        walked = subprocess.run(command + ["."], cwd=root, capture_output=True, text=True, timeout=300)
        assert walked.returncode == 1 and "Traceback" not in walked.stderr
        assert "locked: cannot list the folder (Permission denied)" in walked.stderr
        assert list(items_of(walked.stdout)) == ["ok.py"]
    finally:
        os.chmod(root / "locked", 0o755)
        shutil.rmtree(root)


# ---------------------------------------------------------------------------------------------------------
# A failure of the analysis itself, and the exit code of a failure outside any file


def test_an_analyser_bug_on_one_file_is_that_files_mp002(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "boom.py").write_text(LAMBDA)
    (tmp_path / "fine.py").write_text(LAMBDA)
    real_analyze = files.analyze

    def analyze(data, path, *args, **kwargs):
        if path.endswith("boom.py"):
            raise RuntimeError("a bug")
        return real_analyze(data, path, *args, **kwargs)

    monkeypatch.setattr(analysis, "STRICT", False)  # the tests' default turns such bugs into failures
    monkeypatch.setattr(files, "analyze", analyze)
    code, out, err = run(capsys, "check", "--output-format", "json", ".")
    assert code == 1 and "Traceback" not in err
    by_file = items_of(out)
    assert by_file["boom.py"][0]["message"] == "mpguard failed on this file (RuntimeError: a bug); please report it"
    assert [i["code"] for i in by_file["fine.py"]] == ["MP201"]


def test_an_internal_error_outside_any_file_exits_2_not_1(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fine.py").write_text("x = 1\n")

    def broken(self, paths):
        raise RuntimeError("a bug in discovery")

    monkeypatch.setattr(cli_main_module.Selection, "files", broken)
    code, out, err = run(capsys, "check", ".")
    assert code == 2 and out == ""
    assert "RuntimeError: a bug in discovery" in err and "mpguard: internal error" in err


# ---------------------------------------------------------------------------------------------------------
# The per-file time budget


def busy() -> None:
    while True:  # work without end: the budget's CPU-time signal interrupts it
        pass


def slow_on(monkeypatch, working: str, waiting: str = "") -> None:
    real_analyze = files.analyze

    def analyze(data, path, *args, **kwargs):
        if path.endswith(working):
            busy()
        if waiting and path.endswith(waiting):
            time.sleep(600)  # waits without working: the wall-clock guard interrupts it
        return real_analyze(data, path, *args, **kwargs)

    monkeypatch.setattr(files, "analyze", analyze)  # what `mpguard check` calls
    monkeypatch.setattr(analysis, "analyze", analyze)  # what `--fix` calls


@POSIX
def test_a_file_over_its_time_budget_is_reported_and_the_run_goes_on(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for name in ("a.py", "slow.py", "stuck.py", "z.py"):
        (tmp_path / name).write_text(LAMBDA)
    slow_on(monkeypatch, "slow.py", "stuck.py")
    # CPU time is what the budget counts; on a busy machine 0.3 s of it can take longer than the 1.2 s
    # wall-clock guard, so that guard is set far off here, and tried alone on the file that only waits.
    monkeypatch.setattr(budget, "WAITING_FACTOR", 10_000)
    code, out, err = run(capsys, "check", "--output-format", "json", "--config", "file-timeout=0.3", "a.py",
                         "slow.py", "z.py")
    assert code == 1, err
    by_file = items_of(out)
    assert by_file["slow.py"][0]["code"] == "MP002"
    assert by_file["slow.py"][0]["message"] == ("not checked: it took longer than 0.3 s (`file-timeout`); "
                                                "raise the limit, or set it to 0, to check it")
    assert [i["code"] for i in by_file["a.py"]] == [i["code"] for i in by_file["z.py"]] == ["MP201"]
    monkeypatch.setattr(budget, "WAITING_FACTOR", 4)
    code, out, err = run(capsys, "check", "--output-format", "json", "--config", "file-timeout=0.3", "stuck.py",
                         "z.py")
    by_file = items_of(out)
    assert code == 1 and [i["code"] for i in by_file["z.py"]] == ["MP201"]
    assert by_file["stuck.py"][0]["message"] == ("not checked: still not done after 1.2 s (4 times `file-timeout`), "
                                                 "most of it spent waiting")
    (tmp_path / "stuck.py").unlink()
    monkeypatch.setattr(budget, "WAITING_FACTOR", 10_000)
    (tmp_path / "pyproject.toml").write_text("[tool.mpguard]\nfile-timeout = 0.3\n")  # from the file too
    code, out, err = run(capsys, "check", "--fix", "--output-format", "json", ".")
    assert code == 1 and "took longer than 0.3 s" in out
    assert (tmp_path / "slow.py").read_text() == LAMBDA  # never half-fixed
    assert "lambda" not in (tmp_path / "a.py").read_text() and "lambda" not in (tmp_path / "z.py").read_text()


def test_no_budget_when_it_is_zero(tmp_path, monkeypatch, capsys):
    import signal

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text(LAMBDA)
    seen = []
    real_analyze = files.analyze

    def analyze(*args, **kwargs):
        if hasattr(signal, "getitimer"):
            seen.append((signal.getitimer(signal.ITIMER_PROF), signal.getitimer(signal.ITIMER_REAL)))
        return real_analyze(*args, **kwargs)

    monkeypatch.setattr(files, "analyze", analyze)
    assert run(capsys, "check", "--config", "file-timeout=0", "a.py")[0] == 1
    assert all(timers == ((0.0, 0.0), (0.0, 0.0)) for timers in seen)


@POSIX
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork carries the patched analysis to workers")
def test_a_slow_file_does_not_hold_up_a_parallel_run(tmp_path):
    """`--jobs 2` with 40 files (parallel from 32): the budget is enforced inside the worker processes."""
    for i in range(40):
        (tmp_path / f"m{i:02}.py").write_text(LAMBDA)
    driver = textwrap.dedent("""\
        import multiprocessing, sys
        multiprocessing.set_start_method("fork")  # the workers inherit the slow analysis below
        from mpguard.cli import budget
        budget.WAITING_FACTOR = 10_000  # only the CPU-time budget (a busy machine may take long for 1 s of it)
        from mpguard.linter import files
        real = files.analyze
        def analyze(data, path, *args, **kwargs):
            if path.endswith("m17.py"):
                while True:  # the CPU-time budget interrupts this
                    pass
            return real(data, path, *args, **kwargs)
        files.analyze = analyze
        from mpguard.cli import main
        sys.exit(main(sys.argv[1:]))
        """)
    proc = subprocess.run([sys.executable, "-I", "-c", driver, "check", "--jobs", "2", "--output-format", "json",
                           "--config", "file-timeout=1", "."], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 1, proc.stderr
    by_file = items_of(proc.stdout)
    assert len(by_file) == 40
    assert "took longer than 1 s" in by_file["m17.py"][0]["message"]
    assert all([i["code"] for i in items] == ["MP201"] for name, items in by_file.items() if name != "m17.py")


def test_time_budget_settings():
    config, messages = merge_config(Config(), {"file-timeout": 2.5}, "x")
    assert config.settings.file_timeout == 2.5 and not messages
    assert merge_config(Config(), {"fileTimeout": 0}, "x")[0].settings.file_timeout == 0  # the editor's spelling
    for bad in (-1, "soon", True, float("nan"), float("inf")):
        config, messages = merge_config(Config(), {"file-timeout": bad}, "x")
        assert config.settings.file_timeout == 60 and "expected a number of seconds" in messages[0]


def test_a_bad_time_budget_on_the_command_line_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.py").write_text("x = 1\n")
    code, _, err = run(capsys, "check", "--config", "file-timeout=-1", "a.py")
    assert code == 2 and "file-timeout" in err
    code, out, _ = run(capsys, "check", "--config", "file-timeout=5", "--show-settings", "a.py")
    assert code == 0 and "file-timeout = 5" in out


# ---------------------------------------------------------------------------------------------------------
# Settings that would silently turn everything off (more in tests/test_cli_config.py)


@pytest.mark.parametrize("table, needle", [
    ('ignore = [""]', "empty rule code"),
    ('ignore = [" "]', "empty rule code"),
    ('select = [""]', "empty rule code"),
    ('extend-select = [""]', "empty rule code"),
    ('python-version = "3.14-3.9"', "reversed range"),
    ('python-version = ">=3.14,<3.9"', "allows no Python version"),
    ('ignore = ["MP2", "NOPE"]', "unknown rule code"),
])
def test_settings_that_would_turn_rules_off_stop_the_command_line(tmp_path, monkeypatch, capsys, table, needle):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.py").write_text(LAMBDA)
    (tmp_path / "pyproject.toml").write_text(f"[tool.mpguard]\n{table}\n")
    code, out, err = run(capsys, "check", "bad.py")
    assert code == 2 and out == "" and needle in err
    assert errors(merge_config(Config(), {table.split(" = ")[0]: json.loads(table.split(" = ")[1])}, "x")[1])


def test_the_editor_warns_and_keeps_every_rule_on():
    from mpguard.lsp.settings import SettingsStore

    warnings: list[str] = []
    store = SettingsStore(warnings.append)
    store.set_client({"ignore": [""], "pythonVersion": ">=3.14,<3.9"}, "init")
    settings = store.for_path(None)
    assert settings.enabled("MP001") and settings.enabled("MP002") and settings.enabled("MP201")
    assert settings.targets.min_version == (3, 9)
    assert any("empty rule code" in w for w in warnings) and any("allows no Python version" in w for w in warnings)
