"""Facts about another module's threads, locks and servers read a tree the run parsed already (issue 16):
`ProjectResolver.syntax_tree` lends one from `linter.trees.TREES` (semantic/fact_trees.py). MP423 on mypy parsed
97 modules a second time for their thread leavers. The answers are the same: the facts keep none of the nodes."""
from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

from mpguard.linter.files import SUMMARIZER
from mpguard.linter.trees import TREES
from mpguard.resolve.project import ProjectResolver, Summarizer
from mpguard.semantic.fact_trees import fact_tree
from mpguard.semantic.thread_leavers import leaver_fact
from test_semantic_crossmodule import findings, project
from test_thread_leavers import files

HELPER = "import threading\n\ndef start():\n    threading.Thread(target=print, daemon=True).start()\n"


@pytest.fixture
def pool():
    """The tree pool as `mpguard check` runs it (the language server keeps none)."""
    TREES.clear()
    TREES.enabled = True
    try:
        yield TREES
    finally:
        TREES.enabled = False
        TREES.clear()


def test_a_fact_reads_the_tree_the_pool_holds(pool, tmp_path):
    resolver = ProjectResolver([tmp_path], summarizer=SUMMARIZER)
    kept = pool.borrow(HELPER, "helper.py")
    assert fact_tree(HELPER.encode(), "helper.py", resolver) is kept
    assert leaver_fact(HELPER.encode(), "helper.py", "helper", resolver) == \
        leaver_fact(HELPER.encode(), "helper.py", "helper", None)  # (parsed apart: the same answer)


def test_without_a_lender_the_fact_parses_its_own(tmp_path):
    resolver = ProjectResolver([tmp_path], summarizer=Summarizer(None))
    tree = fact_tree(HELPER.encode(), "helper.py", resolver)
    assert ast.dump(tree) == ast.dump(ast.parse(HELPER))
    with pytest.raises(SyntaxError):
        fact_tree(b"def (:\n", "broken.py", resolver)
    assert leaver_fact(b"def (:\n", "broken.py", "broken", resolver) == {"leaves": {}, "ends": []}


def test_a_module_that_does_not_decode_gives_an_empty_fact(pool, tmp_path):
    resolver = ProjectResolver([tmp_path], summarizer=SUMMARIZER)
    data = b"# -*- coding: nonexistent -*-\nimport threading\n"
    assert leaver_fact(data, "odd.py", "odd", resolver) == {"leaves": {}, "ends": []}


def test_another_modules_thread_leavers_are_read_without_parsing_it_again(pool, tmp_path, monkeypatch):
    parsed: Counter = Counter()
    original = ast.parse

    def counted(source, filename="<unknown>", *args, **kwargs):
        parsed[Path(str(filename)).name] += 1
        return original(source, filename, *args, **kwargs)

    monkeypatch.setattr(ast, "parse", counted)
    root = project(tmp_path, files())
    assert [f.code for f in findings(root / "main.py") if f.code == "MP423"] == ["MP423"]
    # once for the questions that keep none of its nodes (its leavers and locks among them), once for the walk of
    # its summary, which owns a tree of its own (linter/trees.py); its leavers parsed a third one before
    assert parsed["runtime.py"] <= 2
