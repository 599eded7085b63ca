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


# A module whose functions replace an attribute of a parameter (`setattr`), end their process (`os._exit`), and whose
# top imports project modules: the facts `module_setattr.setattr_fact`, `worker_exits.exits_fact` and the rules'
# top imports (`rules.context`) read it from its syntax alone. They parsed it again each (dask: 46 and 16 parses).
WRITER = """import os
import threading
from . import sibling
from .tools import helper

def install(target, name):
    setattr(target, name, threading.Lock())

def reset(target):
    target.lock = threading.Lock()

def quit_now():
    os._exit(1)

def stop():
    quit_now()
"""


def _syntax_facts():
    from mpguard.rules import context
    from mpguard.semantic.module_setattr import setattr_fact
    from mpguard.semantic.worker_exits import exits_fact

    return {"setattr": setattr_fact, "exits": exits_fact, "top imports": context._top_imports}


@pytest.mark.parametrize("name", ["setattr", "exits", "top imports"])
def test_a_syntax_fact_reads_the_tree_the_pool_holds(pool, tmp_path, monkeypatch, name):
    build = _syntax_facts()[name]
    alone = build(WRITER.encode(), "pkg/writer.py", "pkg.writer", None)  # (parsed apart)
    assert alone  # (each fact has something to say about this module)
    resolver = ProjectResolver([tmp_path], summarizer=SUMMARIZER)
    pool.borrow(WRITER, "pkg/writer.py")
    parsed = []
    original = ast.parse
    monkeypatch.setattr(ast, "parse", lambda *args, **kwargs: parsed.append(args) or original(*args, **kwargs))
    assert build(WRITER.encode(), "pkg/writer.py", "pkg.writer", resolver) == alone
    assert parsed == []


@pytest.mark.parametrize("name", ["setattr", "exits", "top imports"])
def test_a_syntax_fact_of_a_module_that_does_not_parse_or_decode_is_empty(pool, tmp_path, name):
    build = _syntax_facts()[name]
    resolver = ProjectResolver([tmp_path], summarizer=SUMMARIZER)
    for data in (b"def (:\n", b"# -*- coding: nonexistent -*-\nimport os\n"):
        assert not build(data, "broken.py", "broken", resolver)
