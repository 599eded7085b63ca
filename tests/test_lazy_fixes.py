"""Fixes built later, and validated by parsing only what they touch, are the fixes built before (issue 19)."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from mpguard.fixes import apply as fixer
from mpguard.fixes.apply import apply_edits
from mpguard.linter.analyze import analyze
from mpguard.linter.lazy_fixes import settle, wanted_for
from mpguard.text.findings import Applicability, Edit, Fix, Position
from mpguard.text.source import SourceText

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import shapes  # noqa: E402

ROOT = Path(__file__).resolve().parent
CORPORA = [ROOT / "corpus" / "oracle" / "cases", ROOT / "fixtures", ROOT.parent / "examples"]
FILES = sorted(p for folder in CORPORA if folder.is_dir() for p in folder.rglob("*.py"))


def test_the_corpora_are_there():
    assert len(FILES) > 150


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixes_built_on_demand_are_the_fixes_built_during_the_analysis(path):
    text = path.read_text(encoding="utf-8")
    eager = analyze(text, str(path)).findings
    lazy, skipped = settle(analyze(text, str(path), fixes="lazy").findings, "all", text)
    assert skipped == 0
    assert lazy == eager  # Finding equality includes the fix
    for finding in eager:
        if finding.fix is not None:  # and what was kept parses as a whole
            ast.parse(apply_edits(text, finding.fix.edits))


def test_output_formats_ask_for_what_they_show():
    assert wanted_for("json") == wanted_for("json-lines") == "all"
    assert wanted_for("text") == wanted_for("concise") == "marks"
    assert wanted_for("sarif") == "all" and wanted_for("github") == wanted_for("gitlab") == "none"
    assert wanted_for("full") == "marks"
    assert wanted_for("json", statistics=True) == "none"


def _kept(text: str, *edits: Edit) -> bool:
    source = SourceText(text)
    token = fixer.TOP_LEVEL.set(fixer.known_statements(source, ast.parse(text)))
    try:
        return fixer.validated(text, Fix("t", Applicability.SAFE, edits)) is not None
    finally:
        fixer.TOP_LEVEL.reset(token)


def _parsed(monkeypatch) -> list:
    sizes = []
    original = ast.parse

    def counted(source, *args, **kwargs):
        sizes.append(len(source))
        return original(source, *args, **kwargs)

    monkeypatch.setattr(ast, "parse", counted)
    return sizes


def test_a_fix_inside_a_long_block_parses_only_its_statement(monkeypatch):
    text = shapes.lambdas(500)
    row = 300
    line = SourceText(text).line_text(row)
    start = line.index("lambda")
    edit = Edit(Position(row, start), Position(row, line.index(", range")), "_task")
    insert = Edit(Position(4, 0), Position(4, 0), "def _task(x):\n    return x\n\n\n")
    sizes = _parsed(monkeypatch)
    assert _kept(text, insert, edit)
    assert sizes[0] == len(text)  # _kept's own parse of the module, for the statements' rows
    assert sizes[1:] and max(sizes[1:]) < 200  # then two short texts, not the 500-line block


def test_an_edit_that_would_break_the_block_is_still_refused():
    text = "import os\n\nif x:\n    a = 1\n    b = 2\n"
    assert not _kept(text, Edit(Position(4, 0), Position(4, 9), "a = 1"))  # dedented out of the block
    assert not _kept(text, Edit(Position(4, 8), Position(4, 9), "(1"))  # an open bracket
    assert _kept(text, Edit(Position(4, 8), Position(4, 9), "[1]"))
    assert not _kept(text, Edit(Position(4, 0), Position(6, 0), ""))  # the block left empty
    assert _kept(text, Edit(Position(4, 0), Position(5, 0), ""))  # one of two statements deleted


def test_statements_that_share_rows_are_checked_more_widely():
    text = "if x:\n    a = 1; b = 2\n    c = 3 \\\n        + 4\n"
    assert _kept(text, Edit(Position(2, 8), Position(2, 9), "5"))
    assert not _kept(text, Edit(Position(2, 8), Position(2, 9), "5\n  d = 6"))
    assert _kept(text, Edit(Position(4, 10), Position(4, 11), "7"))


def test_insertions_between_and_after_top_level_statements():
    text = "import os\n\n\ndef f():\n    return 1\n\n\nx = 2\n"
    assert _kept(text, Edit(Position(2, 0), Position(2, 0), "import sys\n"))
    assert _kept(text, Edit(Position(6, 0), Position(6, 0), "    y = 3\n"))  # joins f's body
    assert not _kept(text, Edit(Position(6, 0), Position(6, 0), "  y = 3\n"))  # no such block
    assert _kept(text, Edit(Position(9, 0), Position(9, 0), "z = 4\n"))  # at the end


def test_an_elif_is_not_a_statement_of_its_own():
    text = "if a:\n    x = 1\nelif b:\n    y = 2\n"
    assert not _kept(text, Edit(Position(3, 0), Position(3, 0), "z = 3\n"))  # would end the `if`
    assert _kept(text, Edit(Position(4, 4), Position(4, 5), "w"))
