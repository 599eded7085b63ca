"""A FIFO or a link to /dev/zero named like a module, in the project of the file being checked, is never read
by the parts of mpguard that look at other files: the MP101 fix that searches the project for importers of a
module's names, and the project index that resolves imports. Before session 21 the fix's search read
`zero.py -> /dev/zero` until memory ran out (22 GB, found with a check run from /tmp) and would have blocked on
a FIFO. The files the user names are covered by tests/test_safety_files.py."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32" or not os.path.exists("/dev/zero"),
                                reason="FIFOs and /dev/zero are POSIX-only")

LIBRARY = textwrap.dedent("""
    from multiprocessing import Manager

    manager_ = Manager()
    shared = manager_.dict()


    def record(key, value):
        shared[key] = value
""")


def _project(tmp_path):
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "__init__.py").write_text("")
    (tmp_path / "kit" / "stats.py").write_text(LIBRARY)  # a package's module: its fix makes the manager lazily
    (tmp_path / "main.py").write_text("import zero\nimport pipe\nfrom kit import stats\n\nstats.record('a', 1)\n")
    os.symlink("/dev/zero", tmp_path / "zero.py")
    os.mkfifo(tmp_path / "pipe.py")
    return tmp_path


def _check(tmp_path, *files):
    # the run is bounded so that a regression fails the test instead of hanging it; never a measure of speed
    return subprocess.run([sys.executable, "-m", "mpguard", "check", "--no-cache", "--output-format", "json",
                           "--exit-zero", "--unsafe-fixes", *files], capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)


def test_the_fix_search_skips_special_files(tmp_path):
    project = _project(tmp_path)
    run = _check(project, "kit/stats.py")
    assert run.returncode == 0, run.stderr[-2000:]
    found = [item for item in json.loads(run.stdout) if item["code"] == "MP101"]
    assert found, run.stdout
    # the search for importers of the names ran to its end over the other files of the project
    assert any("first use" in (item.get("fix") or {}).get("message", "") for item in found), found


def test_imports_of_special_files_are_not_followed(tmp_path):
    project = _project(tmp_path)
    run = _check(project, "main.py")
    assert run.returncode == 0, run.stderr[-2000:]
    json.loads(run.stdout)  # a whole answer
