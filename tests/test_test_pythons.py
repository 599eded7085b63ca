"""scripts/test-pythons.sh (the suite on the other Pythons): an absent interpreter is skipped, saying so."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "test-pythons.sh"


def run(**env) -> subprocess.CompletedProcess:
    # never the main suite again (run-tests.sh's pool sets these for the script only, but be sure)
    inherited = {k: v for k, v in os.environ.items() if k not in ("MPGUARD_MAIN_PYTHON", "MPGUARD_STOP_FIRST")}
    return subprocess.run(["bash", str(SCRIPT)], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env={**inherited, **env})


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_an_absent_version_is_skipped_with_a_message():
    proc = run(MPGUARD_PYTHONS="3.99", PATH="/usr/bin:/bin", HOME="/nonexistent")
    assert proc.returncode == 0
    assert "SKIP Python 3.99: no interpreter" in proc.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_314_without_the_chroot_is_skipped_with_how_to_build_it():
    if shutil.which("python3.14"):
        pytest.skip("a real python3.14 is on PATH: the script would run the suite with it")
    proc = run(MPGUARD_PYTHONS="3.14", MPGUARD_PY314_ROOT="/nonexistent", PATH="/usr/bin:/bin",
               HOME="/nonexistent")
    assert proc.returncode == 0
    assert "SKIP Python 3.14: no chroot at /nonexistent" in proc.stdout and "setup_chroot.sh" in proc.stdout


def test_run_tests_runs_the_other_pythons_last_and_can_be_turned_off():
    text = (ROOT / "scripts" / "run-tests.sh").read_text()
    assert "bash scripts/test-pythons.sh" in text and "MPGUARD_OTHER_PYTHONS" in text
    assert text.rstrip().endswith("exit $status")
