"""Findings quote the error Python printed: tests/corpus/quoting.py over the public oracle, on 3.11's
runs and on 3.14's (with `--python-version 3.14`). The issue's target is 90% for both."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "corpus"))
from quoting import measure  # noqa: E402

ORACLE = ROOT / "tests" / "corpus" / "oracle"
TARGET = 0.90


@pytest.mark.parametrize(("results", "version"), [("results.json", "3.11"), ("results_py3.14.json", "3.14")])
def test_findings_quote_what_python_printed(results, version):
    cmd = f"{sys.executable} -m mpguard check --output-format json --python-version {version}"
    quoted, failing, misses = measure(ORACLE / "cases", ORACLE / results, cmd)
    assert failing > 150  # every failing run that printed an error is counted
    assert quoted / failing >= TARGET, "\n".join(misses)
