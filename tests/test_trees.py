"""`linter.trees`: one parse per text for the questions of a run, and never one tree for two owners."""
from __future__ import annotations

import ast

import pytest

from mpguard.linter.trees import Trees

TEXT = "import os\n\n\ndef f():\n    return os.getpid()\n"


@pytest.fixture
def pool():
    trees = Trees()
    trees.enabled = True
    return trees


def test_a_reader_and_the_first_owner_share_the_tree_it_parsed(pool):
    read = pool.borrow(TEXT, "m.py")
    assert pool.own(TEXT, "m.py") is read
    assert pool.borrow(TEXT, "m.py") is read  # (a reader keeps nothing: an owned tree will do)
    assert pool.parsed == 1


def test_a_second_owner_gets_a_tree_of_its_own(pool):
    first = pool.own(TEXT, "m.py")
    second = pool.own(TEXT, "m.py")
    assert second is not first and ast.dump(second) == ast.dump(first)
    assert pool.parsed == 2


def test_the_index_answers_about_one_file_share_a_tree_but_not_with_its_analysis(pool):
    analysed = pool.own(TEXT, "m.py")
    index = pool.own(TEXT, "m.py", shared_by="m.py")
    assert index is not analysed
    assert pool.own(TEXT, "m.py", shared_by="m.py") is index  # (its definitions, its names, ...: one tree)
    assert pool.own(TEXT, "copy.py", shared_by="copy.py") not in (index, analysed)  # (the same text elsewhere)
    assert pool.own(TEXT, "m.py") not in (index, analysed)
    assert pool.parsed == 4


def test_nothing_is_kept_outside_a_run_and_a_syntax_error_is_raised_each_time():
    trees = Trees()  # (not enabled: the language server)
    assert trees.own(TEXT, "m.py") is not trees.own(TEXT, "m.py")
    assert not trees.trees
    trees.enabled = True
    for _ in range(2):
        with pytest.raises(SyntaxError):
            trees.borrow("def (:\n", "bad.py")
    assert not trees.trees


def test_the_least_recently_used_texts_go_first_past_the_limit():
    trees = Trees(limit=3 * (len(TEXT) + 1))
    trees.enabled = True
    texts = [TEXT + f"x = {i}\n" for i in range(4)]
    kept = trees.borrow(texts[0], "a.py")
    for text in texts[1:]:
        trees.borrow(text, "b.py")
    assert texts[0] not in trees.trees and trees.size <= trees.limit
    assert trees.borrow(texts[0], "a.py") is not kept


def test_an_analysis_takes_a_tree_out_of_the_pool_and_keeps_none_there(pool):
    read = pool.borrow(TEXT, "m.py")
    assert pool.own(TEXT, "m.py", keep=False) is read
    assert TEXT not in pool.trees and pool.size == 0  # (garbage once the file is done)
    fresh = pool.own(TEXT, "m.py", keep=False)
    assert fresh is not read and TEXT not in pool.trees
    assert pool.parsed == 2


def test_a_file_reads_any_tree_of_its_text_and_walks_only_one_of_its_own(pool):
    kept = pool.own(TEXT, "m.py", shared_by="m.py")  # (say, its definitions, for another file)
    lent, alone = pool.read(TEXT, "m.py")
    assert lent is kept and not alone  # (read only: the prefilter's; a walk parses its own)
    pool.trees.clear()
    read = pool.borrow(TEXT, "m.py")
    taken, alone = pool.read(TEXT, "m.py")
    assert taken is read and alone and TEXT not in pool.trees  # (no one owned it: it leaves the pool)
    fresh, alone = pool.read(TEXT, "m.py")
    assert fresh is not read and alone and TEXT not in pool.trees


def test_a_tree_a_file_only_read_goes_back_where_there_is_room_first_in_line_to_go(pool):
    tree, alone = pool.read(TEXT, "m.py")
    assert alone
    pool.give_back(TEXT, tree)  # (the file could not reach a process: it only read it)
    assert pool.borrow(TEXT, "m.py") is tree and pool.own(TEXT, "m.py", shared_by="m.py") is tree
    other = TEXT + "y = 2\n"
    small = Trees(limit=(len(TEXT) + 1) + (len(other) + 1))
    small.enabled = True
    waiting = small.borrow(TEXT, "a.py")  # (a later question's)
    big = TEXT * 2
    small.give_back(big, ast.parse(big))
    assert big not in small.trees and small.borrow(TEXT, "a.py") is waiting  # (no room: not kept)
    third = "z = 3\n"
    small.give_back(third, ast.parse(third))
    assert list(small.trees) == [third, TEXT]  # (kept, the first to go)
    small.borrow(other, "b.py")
    assert list(small.trees) == [TEXT, other]
