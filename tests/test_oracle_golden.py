"""Golden tests over the oracle (tests/corpus/oracle, copied from shared/oracle): for every case, the start methods mpguard flags must be
exactly those under which the program was observed to misbehave, on the annotated line."""
import json
from pathlib import Path

import pytest

from mpguard.config import Settings
from mpguard.linter.files import analyze_path

ORACLE = Path(__file__).resolve().parent / "corpus" / "oracle"
METHODS = ("fork", "spawn", "forkserver")

if not (ORACLE / "results.json").exists():
    pytest.skip(f"the oracle is not at {ORACLE}", allow_module_level=True)

RESULTS = json.loads((ORACLE / "results.json").read_text())["cases"]


def _flagged(path: Path, rows: list[tuple[str, int]]):
    by_method = {m: False for m in METHODS}
    located = {m: False for m in METHODS}
    files = {path.name: path}
    for rel, _row in rows:
        files.setdefault(rel, ORACLE / "cases" / rel)
    for rel, file in files.items():
        for finding in analyze_path(file, Settings()).findings:
            for method in finding.start_methods:
                by_method[method] = True
                if any(r == rel and finding.start.row <= row <= finding.end.row for r, row in rows) \
                        or (rel == path.name and any(r != path.name for r, _ in rows)):
                    located[method] = True
    return by_method, located


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_case(name, monkeypatch):
    record = RESULTS[name]
    path = ORACLE / record["file"]
    monkeypatch.chdir(ORACLE / "cases")
    rows = []
    if record["line"].strip() not in ("none", "-", ""):
        for token in record["line"].replace(",", " ").split():
            rel, _, row = token.rpartition(":")
            rows.append((rel or path.name, int(row)))
    flagged, located = _flagged(path, rows)
    for method in METHODS:
        bites = record["runs"][method]["outcome"] != "ok"
        assert flagged[method] == bites, f"{name} [{method}]: observed {record['runs'][method]['outcome']}"
        if bites:
            assert located[method], f"{name} [{method}]: flagged, but not on {rows}"
