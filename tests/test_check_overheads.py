"""The per-file work `mpguard check` was cut down to (issue 16) gives the answers the longer way gave: a walk
of a function's own nodes in the same order, the pool a helper returns kept with its definition (and asked
again once the helper changes), a folder's digest kept while its listing is the same, a file's rows found
only when asked for, the real folder of a file found once per folder (a symbolic link to a file still
followed). Checked by the answers, never by a timing."""
from __future__ import annotations

import ast
import os
import sys
import textwrap

import pytest

from mpguard.linter import files, reach
from mpguard.semantic import returned_pools
from mpguard.semantic.local_values import own_nodes
from mpguard.text.chunks import BATCH_ROWS, parse_module
from mpguard.text.source import SourceText

VARIED = '''
import os as o, sys
from . import x as y

@decorate(1, key=lambda v: v + 1)
async def outer(a, /, b: int = 2, *args, c, d=None, **kw) -> list[int]:
    global G
    total: int = 0
    async with lock() as (first, *rest):
        async for item in stream():
            total += item if item else -item
    try:
        value = {k: [v for v in range(k) if v % 2] for k in (1, 2)}
    except* ValueError as err:
        raise RuntimeError(f"{err!r:>10}") from err
    else:
        del value[1]
    finally:
        print(*args, **kw)
    match command.split():
        case [action, *objects] if objects:
            pass
        case {"key": Point(x=0, y=inner)} | None:
            pass
        case _:
            pass
    def nested():
        nonlocal total
        return total
    class Local(Base, metaclass=Meta):
        attribute = 1
    while (n := len(a)) > 10:
        a = a[1:]
    assert a, "message"
    return [await g async for g in gen()] + [lambda q: q * 2]
'''
if sys.version_info < (3, 11):  # `except*` (ast.TryStar) is 3.11 syntax; the walk is the same for `except`
    VARIED = VARIED.replace("except* ValueError", "except ValueError")


def reference_own_nodes(func):
    """`own_nodes` as it was written before, on `ast.iter_child_nodes`."""
    stack = list(reversed(func.body))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            stack.extend(reversed(list(ast.iter_child_nodes(node))))


def test_own_nodes_are_the_nodes_iter_child_nodes_gives_in_the_same_order():
    tree = ast.parse(VARIED)
    functions = [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    assert len(functions) == 2
    for function in functions:
        assert [id(n) for n in own_nodes(function)] == [id(n) for n in reference_own_nodes(function)]
    names = {type(n).__name__ for n in own_nodes(functions[0])}
    assert {"Load", "Store", "match_case", "MatchClass", "comprehension", "ExceptHandler", "Lambda"} <= names
    assert "attribute" not in {getattr(n, "id", None) for n in own_nodes(functions[0])}  # (the class's own)


def test_own_nodes_of_a_module_of_the_standard_library():
    tree = ast.parse(open(os.__file__, encoding="utf-8").read())
    for function in [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]:
        assert [id(n) for n in own_nodes(function)] == [id(n) for n in reference_own_nodes(function)]


HELPER = """
    import multiprocessing


    def make_pool(n):
        pool = multiprocessing.Pool(n)
        return pool
"""


def test_the_pool_a_helper_returns_is_judged_once_per_definition_and_again_once_it_changes(tmp_path, monkeypatch):
    from mpguard.resolve.project import INDEX

    helper = tmp_path / "helpers.py"
    helper.write_text(textwrap.dedent(HELPER))
    (tmp_path / "main.py").write_text("import helpers\n")
    judged = []
    original = returned_pools._returned_pool
    monkeypatch.setattr(returned_pools, "_returned_pool", lambda *a: judged.append(a) or original(*a))

    INDEX.new_epoch()
    resolver = files.resolver_for(tmp_path / "main.py", tmp_path, fallback=None)
    first = returned_pools.returned_pool(resolver, "helpers.make_pool")
    assert first is not None and first[0] == "Pool"
    other = files.resolver_for(tmp_path / "main.py", tmp_path, fallback=None)  # (the next file of the run)
    assert returned_pools.returned_pool(other, "helpers.make_pool") == first
    assert len(judged) == 1

    helper.write_text(textwrap.dedent(HELPER).replace("multiprocessing.Pool(n)", "[n]"))
    os.utime(helper, ns=(os.stat(helper).st_mtime_ns + 10**9,) * 2)
    INDEX.new_epoch()
    changed = files.resolver_for(tmp_path / "main.py", tmp_path, fallback=None)
    assert returned_pools.returned_pool(changed, "helpers.make_pool") is None
    assert len(judged) == 2


def test_a_folders_digest_is_kept_while_its_listing_is_the_same(tmp_path, monkeypatch):
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "a.py").write_text("")
    first = reach._folders_digest([str(folder)])
    made = []
    original = reach.hashlib.blake2b
    monkeypatch.setattr(reach.hashlib, "blake2b", lambda *a, **k: made.append(1) or original(*a, **k))
    listed = reach._listing(str(folder))
    if reach._listing(str(folder)) is listed:  # (a folder changed within the clock's tick is listed again)
        assert reach._folders_digest([str(folder)]) == first and made == []
    (folder / "b.py").write_text("")
    assert reach._folders_digest([str(folder)]) != first


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_long_file_parsed_without_its_row_offsets_gives_the_tree_ast_parse_gives(newline):
    rows = [f"def f{i}(x):" + newline + "    return x + 1" + newline for i in range(BATCH_ROWS * 2)]
    text = "".join(rows)
    assert ast.dump(parse_module(text, "long.py"), include_attributes=True) == \
        ast.dump(ast.parse(text), include_attributes=True)
    short = "x = 1" + newline + "y = 2" + newline
    assert ast.dump(parse_module(short), include_attributes=True) == ast.dump(ast.parse(short), include_attributes=True)


@pytest.mark.parametrize("text", ["", "a\nb", "a\r\nb\r\n", "a\rb\n\nc", "é = 1\n# ü\n"])
def test_rows_found_when_first_asked_for_are_the_rows_of_the_text(text):
    from mpguard.text.findings import Position

    sliced, whole = SourceText.sliced(text), SourceText(text)
    assert "line_starts" not in sliced.__dict__
    assert sliced.row_count == whole.row_count
    assert [sliced.line(row) for row in range(1, whole.row_count + 1)] == whole.lines
    for offset in range(len(text) + 1):
        assert sliced.position(offset) == whole.position(offset)
    assert sliced.clamp(Position(99, 99)) == whole.clamp(Position(99, 99))


def test_the_real_folder_of_a_file_is_found_once_per_folder_and_links_are_followed(tmp_path):
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "sub" / "mod.py").write_text("")
    (tmp_path / "linked").symlink_to(real / "sub", target_is_directory=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "alias.py").symlink_to(real / "sub" / "mod.py")
    files.new_run()
    for path in (real / "sub" / "mod.py", tmp_path / "linked" / "mod.py", elsewhere / "alias.py",
                 os.path.relpath(real / "sub" / "mod.py")):
        assert files._real_folder(path) == os.path.dirname(os.path.realpath(path))
    assert files._real_folder(elsewhere / "alias.py") == str(real / "sub")


def test_the_module_a_name_is_in_is_kept_and_the_modules_looked_for_are_recorded_again(tmp_path):
    from mpguard.resolve.project import INDEX, ProjectResolver

    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "mod.py").write_text("def f():\n    pass\n")
    INDEX.new_epoch()
    resolver = ProjectResolver([tmp_path])
    for _ in range(2):  # (asked again: kept, and what it looked for and did not find is recorded in this level too)
        with resolver.reading() as read:
            assert resolver._module_of("pkg.gone.Class.method") == "pkg"
        assert read == {"pkg.gone.Class": (None, None), "pkg.gone": (None, None)}
        with resolver.reading() as read:
            assert resolver._module_of("pkg.mod.f") == "pkg.mod"
            assert resolver._module_of("os.path.join") is None  # (the standard library: never recorded)
        assert read == {}
    assert resolver.consulted == {"pkg.gone.Class": (None, None), "pkg.gone": (None, None)}
