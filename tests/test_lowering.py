"""Syntax of a newer Python than the one mpguard runs on is lowered in place (mpguard.text.lowering): the
file is analysed, and findings keep their rows and columns. A genuine syntax error is still MP001 where
the parser finds it; newer syntax that cannot be lowered is MP002 naming the version it needs.

Every source called valid here is compiled by the newer interpreters found on this machine (pyenv), and
their trees are compared with the lowered one (`test_*_against_newer_pythons`)."""
from __future__ import annotations

import ast
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest

from mpguard.linter.analyze import analyze
from mpguard.text.chunks import parse_text
from mpguard.text.lowering import lower

RUNNING = sys.version_info[:2]
HAZARD = "p = multiprocessing.Process(target=print); p.start()"  # MP101 at its `p.start()`, column 43

# (name, version the source needs, source). `{HAZARD}` marks where an unguarded start goes, mostly after the
# construct on its row: the MP101 finding must sit at its `p.start()`, in the original text's columns.
# (Python 3.15 is not released: its two cases are checked against PEP 810 and PEP 798 and black's and
# pylint's test files of them, not compiled.)
VALID = [
    ("class-type-params", (3, 12), """
        import multiprocessing
        class C[T: int](object): pass
        x = C; {HAZARD}
    """),
    ("def-type-params-all-kinds", (3, 12), """
        import multiprocessing
        def first[T, *Ts, **P](items: list[T]) -> T: return items[0]
        {HAZARD}
    """),
    ("async-def-type-params", (3, 12), """
        import multiprocessing
        async def run[T](x: T) -> T: return x
        {HAZARD}
    """),
    ("type-params-over-rows", (3, 12), """
        import multiprocessing
        class Pair[
            K,  # the key, a comment with a ]
            V: (int, str),
        ](dict): pass
        {HAZARD}
    """),
    ("type-statement", (3, 12), """
        import multiprocessing
        type Mode = int; {HAZARD}
        if True:
            type Pair[K, V] = tuple[K, V]; {HAZARD}
    """),
    ("type-defaults-pep696", (3, 13), """
        import multiprocessing
        class Box[T = int, *Ts = *tuple[int, ...], **P = [int]]: pass
        type Alias[T = str] = list[T]; {HAZARD}
    """),
    ("fstring-same-quotes", (3, 12), """
        import multiprocessing
        row = {"name": 1}
        x = f"{row["name"]} and {f"{row["name"]!r:>{len("ab")}}"}"; {HAZARD}
    """),
    ("fstring-backslash-and-comment", (3, 12), """
        import multiprocessing
        words = ["a"]
        x = f"{'\\n'.join(words)}"; y = f'''{len(words)  # a comment in a field
        }'''; {HAZARD}
    """),
    ("fstring-field-over-rows", (3, 12), """
        import multiprocessing
        n = 1
        x = f"{
            n
            + 1
        }é{n=}"; {HAZARD}
    """),
    ("fstring-concatenated", (3, 12), """
        import multiprocessing
        d = {"k": 1}
        x = f"{d["k"]}" "plain" f"{d["k"]}"f'{d['k']}'; {HAZARD}
    """),
    ("fstring-nested-too-deeply-for-311", (3, 12), """
        import multiprocessing
        x, y, z = 1, 2, 3
        s = f"{x:{y:{z}}}"; {HAZARD}
    """),
    ("fstring-unicode-before", (3, 12), """
        import multiprocessing
        d = {"k": 1}
        x = f"ünï {d["k"]} cödé"; {HAZARD}
    """),
    ("except-star", (3, 11), """
        import multiprocessing
        try:
            pass
        except* ValueError:
            pass
        {HAZARD}
    """),
    ("star-expressions-pep646", (3, 11), """
        import multiprocessing
        from typing import Generic, TypeVarTuple
        Ts = TypeVarTuple("Ts")
        class A(Generic[*Ts]): pass
        def f(*args: *Ts) -> tuple[int, *Ts]: return args
        x = A[*tuple[int]]; y = [*x, *x]; {HAZARD}
    """),
    ("except-without-parentheses-pep758", (3, 14), """
        import multiprocessing
        try:
            pass
        except ValueError, TypeError: {HAZARD}
        try:
            pass
        except ValueError, TypeError,: {HAZARD}
        except KeyError,: pass
    """),
    ("lazy-import-pep810", (3, 15), """
        lazy import multiprocessing
        lazy from os import (
            path,
        )
        lazy = "still a name"; {HAZARD}
    """),
    ("unpacking-in-comprehensions-pep798", (3, 15), """
        import multiprocessing
        items = [[1], [2]]
        flat = [*item for item in items]; merged = {**d for d in [{}]}; {HAZARD}
    """),
    ("tstring-pep750", (3, 14), """
        import multiprocessing
        name = "x"
        t1 = t"hello {name!r:>10}"; t2 = Rt"raw {name}"; {HAZARD}
    """),
    ("tstring-with-312-field", (3, 14), """
        import multiprocessing
        d = {"k": 1}
        t1 = t"{d["k"]}"; {HAZARD}
    """),
]


def _source(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n").replace("{HAZARD}", HAZARD)


def _hazards(source: str) -> list[tuple[int, int]]:
    """(row, column) of each `p.start()`, columns in code points of the original text."""
    return [(row, line.index("p.start()")) for row, line in enumerate(source.splitlines(), 1) if HAZARD in line]


@pytest.mark.parametrize(("name", "version", "text"), VALID, ids=[v[0] for v in VALID])
def test_a_file_of_newer_syntax_is_analysed_and_keeps_positions(name, version, text):
    source = _source(text)
    findings = analyze(source, "m.py").findings
    assert [f.code for f in findings if f.code in ("MP001", "MP002")] == []
    assert sorted((f.start.row, f.start.column) for f in findings if f.code == "MP101") == _hazards(source)


@pytest.mark.parametrize(("name", "version", "text"), VALID, ids=[v[0] for v in VALID])
def test_lowering_keeps_every_row_and_its_width(name, version, text):
    source = _source(text)
    lowered = lower(source, (3, 10))
    assert lowered is not None
    widths = [len(row.encode()) for row in source.split("\n")]
    assert [len(row.encode()) for row in lowered.text.split("\n")] == widths
    ast.parse(lowered.text)  # the running Python reads it


def test_only_what_the_running_python_lacks_is_rewritten():
    source = 'x = f"{d["k"]}"\ny = t"{x}"\ndef f[T = int](): pass\ntry: pass\nexcept* E: pass\n'
    on_312 = lower(source, (3, 12)).text
    assert on_312.splitlines()[0] == 'x = f"{d["k"]}"'  # 3.12 reads PEP 701 f-strings
    assert on_312.splitlines()[1] == 'y = f"{x}"'
    assert on_312.splitlines()[2] == "def f         (): pass"  # the default needs 3.13
    assert on_312.splitlines()[4] == "except* E: pass"
    assert lower(source, (3, 14)) is None
    assert lower(source, (3, 10)).text.splitlines()[4] == "except  E: pass"
    assert lower("def f[T](): pass\n", (3, 12)) is None  # nothing newer than 3.12 in it
    assert lower("x = 1\n") is None


def test_a_lowered_fstring_keeps_the_names_of_its_fields_in_place():
    source = 'x = f"{a["k"]!r:>{width}} {b=}"\n'
    lowered = lower(source, (3, 11))
    names = {(n.id, n.col_offset) for n in ast.walk(ast.parse(lowered.text)) if isinstance(n, ast.Name)}
    assert names == {("x", 0), ("a", 7), ("width", 18), ("b", 27)}
    assert lowered.text == 'x = ""[a["k"],    width,   b]  \n'


def test_an_fstring_the_detection_misses_is_lowered_where_the_parser_stops(monkeypatch):
    """The safety net: an f-string that looks readable to the running Python but is where the lowered text
    stops parsing is lowered too (here the detection is switched off)."""
    from mpguard.text import lowering

    if RUNNING >= (3, 12):
        pytest.skip("the running Python reads PEP 701 f-strings")
    monkeypatch.setattr(lowering._Scanner, "fstring_needs_312", lambda self, f: False)
    tree = parse_text('a = 1\nx = f"{d["k"]}" + f"{e["k"]!r}"\ny = 2\n')
    names = sorted((n.id, n.lineno, n.col_offset) for n in ast.walk(tree) if isinstance(n, ast.Name))
    assert names == [("a", 1, 0), ("d", 2, 7), ("e", 2, 21), ("x", 2, 0), ("y", 3, 0)]
    assert getattr(tree.body[1], "mpguard_lowered", None)


# ---- genuine errors stay MP001, where the parser finds them --------------------------------------------
GENUINE = [
    # (source, row, column, words of the message)
    ("class C[T]:\n    pass\ndef f(:\n    pass\n", 3, 6, "invalid syntax"),
    ("def f(:\n    pass\nclass C[T]:\n    pass\n", 1, 6, "invalid syntax"),
    ("type X = \n", 1, 9, "invalid syntax"),
    ('x = f"{a["b"]!z}"\n', 1, 0, ""),
    ('x = f"{}"\n', 1, 0, ""),
    ("def f[](x): pass\n", 1, 0, ""),
    ("def f[T: ](x): pass\n", 1, 0, ""),
    ("def f[1](x): pass\n", 1, 0, ""),
    ("def f[T = int, U](x): pass\n", 1, 0, ""),
    ("def f[*Ts: int](x): pass\n", 1, 0, ""),
    ("try:\n    pass\nexcept A, B as e:\n    pass\n", 3, 0, ""),
    ("try:\n    pass\nexcept A, , B:\n    pass\n", 3, 0, ""),
    ("d = {a: *b}\n", 1, 0, ""),
    ("def f():\n    lazy import os\n", 2, 0, ""),  # PEP 810: only at module level
    ("lazy from os import *\n", 1, 0, ""),
    ('x = f"{a["b"] c}"\n', 1, 7, "invalid syntax"),  # mid-edit in a PEP 701 f-string: not an MP002
    ("try:\n    pass\nexcept A, B C:\n    pass\n", 3, 8, "invalid syntax"),
    ('x = f"{a["b"]}\n', 1, 0, ""),  # unterminated, mid-edit
    ('x = f"{a["b"]\n', 1, 0, ""),
]


@pytest.mark.parametrize(("source", "row", "column", "words"), GENUINE)
def test_a_genuine_syntax_error_is_still_mp001_at_its_place(source, row, column, words):
    if RUNNING >= (3, 14):
        pytest.skip("nothing to lower on 3.14")
    if not column:  # where the running parser stops, the lowering having left the text as it was
        try:
            ast.parse(source)
        except SyntaxError as caught:
            row, column = caught.lineno, caught.offset - 1
        else:  # 3.13's parser takes `[T = int, U]`; its compiler rejects it later, as 3.14's parser does
            pytest.skip("the running parser accepts it")
    findings = analyze(source, "m.py").findings
    assert [f.code for f in findings] == ["MP001"]
    assert (findings[0].start.row, findings[0].start.column) == (row, column)
    assert words in findings[0].message


def test_the_genuine_errors_are_errors_on_the_newer_pythons_too(newer_pythons):
    if not newer_pythons:
        pytest.skip("no newer Python installed")
    sources = [source for source, *_ in GENUINE]
    for version, python in newer_pythons.items():
        compiled = _compile_on(python, sources)
        assert not any(compiled), (version, [s for s, ok in zip(sources, compiled) if ok])


def test_newer_syntax_that_cannot_be_lowered_is_mp002_with_the_version():
    if RUNNING >= (3, 12):
        pytest.skip("the running Python reads PEP 701 f-strings")
    source = UNLOWERABLE
    [finding] = analyze(source, "m.py").findings
    assert finding.code == "MP002"
    assert finding.start.row == 3
    assert "not analysed" in finding.message and "Python 3.12" in finding.message
    assert "PEP 701" in finding.message


UNLOWERABLE = 'import multiprocessing\ndef g():\n    x = f"{yield "a"}"\n'  # `""[yield "a"]` is not Python


def test_the_unlowerable_source_is_valid_python_312(newer_pythons):
    pythons = [path for version, path in newer_pythons.items() if version >= (3, 12)]
    if not pythons:
        pytest.skip("no Python 3.12+ installed")
    assert all(_compile_on(python, [UNLOWERABLE]) == [True] for python in pythons)


def test_a_broken_type_statement_is_the_parsers_error_not_a_version_hint():
    [finding] = analyze("import multiprocessing\n\ntype Pair = tuple[int, int\n", "m.py").findings
    assert (finding.code, finding.start.row, finding.start.column) == ("MP001", 3, 17)
    assert finding.message == "SyntaxError: '[' was never closed"


# ---- the language server's path: a document with newer syntax, edited into an error and back -----------
def test_an_edit_into_a_syntax_error_and_back_in_a_file_of_newer_syntax():
    from mpguard.linter.incremental import reanalyze
    from mpguard.linter.settings import Settings

    settings = Settings()
    good = _source("""
        import multiprocessing
        class C[T]:
            pass
        x = f"{C.__name__["k"]}"
        {HAZARD}
    """)
    first = analyze(good, "m.py", settings, keep_state=True)
    assert [f.code for f in first.findings] == ["MP101"]
    broken = good.replace("    pass\n", "    pass(\n", 1)
    result = reanalyze(first.state, broken, settings, "m.py") or analyze(broken, "m.py", settings, keep_state=True)
    assert [(f.code, f.start.row, f.start.column) for f in result.findings] == [("MP001", 3, 8)]  # at `(`
    again = reanalyze(result.state, good, settings, "m.py") or analyze(good, "m.py", settings, keep_state=True)
    assert [(f.code, f.start.row) for f in again.findings] == [("MP101", 5)]


def test_an_edit_above_newer_syntax_that_cannot_be_lowered_keeps_mp002():
    from mpguard.linter.incremental import reanalyze
    from mpguard.linter.settings import Settings

    if RUNNING >= (3, 12):
        pytest.skip("the running Python reads PEP 701 f-strings")
    settings = Settings()
    first = analyze(UNLOWERABLE, "m.py", settings, keep_state=True)
    edited = "import os\n" + UNLOWERABLE
    result = reanalyze(first.state, edited, settings, "m.py") or analyze(edited, "m.py", settings, keep_state=True)
    assert [(f.code, f.start.row) for f in result.findings] == [("MP002", 4)]


# ---- fixes: a fix may move newer syntax (its text goes along), never write the lowered text back ---------
def test_a_fix_that_moves_newer_syntax_carries_its_text():
    source = 'import multiprocessing\nd = {"k": 1}\np = multiprocessing.Process(target=print, args=(f"{d["k"]}",))\np.start()\n'
    [finding] = analyze(source, "m.py").findings
    assert finding.code == "MP101" and finding.fix is not None
    assert 'f"{d["k"]}"' in finding.fix.edits[0].content


def test_a_fix_that_would_write_the_lowered_text_back_is_dropped():
    from mpguard.fixes import apply as fixer
    from mpguard.text.findings import Applicability, Edit, Fix, Position
    from mpguard.text.source import SourceText

    source = 'x = 1\ny = f"{d["k"]}"\n'
    tree = parse_text(source)
    assert RUNNING >= (3, 12) or getattr(tree.body[1], "mpguard_lowered", None)
    moved = Fix("m", Applicability.SAFE, (Edit(Position(2, 0), Position(3, 0), ""),
                                         Edit(Position(1, 0), Position(1, 0), 'y = f"{d["k"]}"\n')))
    unparsed = Fix("m", Applicability.SAFE, (Edit(Position(2, 4), Position(2, 15), ast.unparse(tree.body[1].value)),))
    elsewhere = Fix("m", Applicability.SAFE, (Edit(Position(1, 4), Position(1, 5), "2"),))
    token = fixer.TOP_LEVEL.set(fixer.known_statements(SourceText(source), tree))
    try:
        assert fixer.validated(source, moved) is moved
        assert fixer.validated(source, elsewhere) is elsewhere
        assert fixer.validated(source, unparsed) is (unparsed if RUNNING >= (3, 12) else None)
    finally:
        fixer.TOP_LEVEL.reset(token)


def test_lowering_never_raises_on_pieces_of_a_file():
    source = "".join(_source(text) for _n, _v, text in VALID)
    for end in range(0, len(source), 7):
        for piece in (source[:end], source[end:]):
            lowered = lower(piece, (3, 10))
            if lowered is not None:
                assert [len(r.encode()) for r in lowered.text.split("\n")] == \
                       [len(r.encode()) for r in piece.split("\n")]


def test_parse_text_raises_the_original_error_when_nothing_was_lowered():
    with pytest.raises(SyntaxError) as caught:
        parse_text("x = (\n")
    assert not hasattr(caught.value, "needs_python") and not hasattr(caught.value, "lowered")


# ---- checked against the newer interpreters themselves ----------------------------------------------------
PY314_CHROOT = os.environ.get("MPGUARD_PY314_ROOT", "/srv/sid314")  # scripts/test-pythons.sh's 3.14


@pytest.fixture(scope="module")
def newer_pythons() -> dict:
    """{(major, minor): command} of the interpreters newer than the running one found here: pyenv's, and
    the 3.14 of scripts/py314's chroot when it is there and we may enter it."""
    commands = [[path] for path in glob.glob(os.path.expanduser("~/.pyenv/versions/3.*/bin/python3.*"))
                if re.search(r"python3\.\d+$", path)]
    commands += [[path] for path in (shutil.which(f"python3.{minor}") for minor in range(RUNNING[1] + 1, 20)) if path]
    if os.path.exists(f"{PY314_CHROOT}/usr/bin/python3.14") and hasattr(os, "geteuid") and os.geteuid() == 0:
        commands.append(["chroot", PY314_CHROOT, "/usr/bin/python3.14"])
    found = {}
    for command in commands:
        try:
            out = subprocess.run(command + ["-c", "import sys; print(*sys.version_info[:2])"], capture_output=True,
                                 text=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            continue
        if out.returncode == 0:
            version = tuple(map(int, out.stdout.split()))
            if version > RUNNING:
                found.setdefault(version, command)
    return found


_NEWER_TREE = r"""
import ast, json, sys, warnings
warnings.simplefilter("ignore")
out = []
for source in json.load(sys.stdin):
    try:
        compile(source, "<test>", "exec")  # the compiler's checks too: "non-default type parameter follows ..."
        tree = ast.parse(source)
    except SyntaxError:
        out.append(None)
        continue
    out.append(sorted({(n.id, n.lineno, n.col_offset, n.end_lineno, n.end_col_offset)
                       for n in ast.walk(tree) if isinstance(n, ast.Name)}))
print(json.dumps(out))
"""


def _names_on(python: list[str], sources: list[str]) -> list:
    out = subprocess.run(python + ["-c", _NEWER_TREE], input=json.dumps(sources), capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    return [None if names is None else {tuple(n) for n in names} for names in json.loads(out.stdout)]


def _compile_on(python: list[str], sources: list[str]) -> list[bool]:
    return [names is not None for names in _names_on(python, sources)]


def test_the_valid_sources_against_newer_pythons(newer_pythons):
    """Each valid source compiles on a Python of the version it names, and every name the lowered tree
    holds is a name of that Python's tree at the same place (rows and UTF-8 columns)."""
    if not newer_pythons:
        pytest.skip("no newer Python installed")
    checked = 0
    for name, version, text in VALID:
        pythons = [path for v, path in newer_pythons.items() if v >= version]
        if version > RUNNING and not pythons:
            continue  # e.g. 3.14 syntax without the 3.14 chroot: checked by the unit tests only
        source = _source(text)
        mine = {(n.id, n.lineno, n.col_offset, n.end_lineno, n.end_col_offset)
                for n in ast.walk(parse_text(source)) if isinstance(n, ast.Name)}
        for python in pythons:
            [theirs] = _names_on(python, [source])
            assert theirs is not None, f"{name} does not compile on {python}"
            assert mine <= theirs, (name, python, sorted(mine - theirs))
            checked += 1
    assert checked >= 8
    if (3, 14) in newer_pythons:
        assert checked >= sum(len([v for v in newer_pythons if v >= version]) for _n, version, _t in VALID)


# ---- real files from the package sweep: sphinx 9.2, and black's test cases of new syntax --------------------
SWEEP = Path("/work/sweep-cache")
SPHINX = SWEEP / "sphinx-9.2.0"


def _rejected(paths) -> list[Path]:
    """The files the running Python's parser rejects (each one an MP001 without the lowering)."""
    out = []
    for path in paths:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # invalid escape sequences in test data
                ast.parse(path.read_bytes())
        except SyntaxError:
            out.append(path)
        except ValueError:
            continue
    return out


@pytest.mark.skipif(not SPHINX.is_dir(), reason="the package sweep's sphinx sdist is not unpacked here")
def test_sphinx_files_of_newer_syntax_are_analysed():
    """Without the lowering every file the running parser rejects is an MP001 (28 on 3.11); now none is."""
    rejected = _rejected(sorted(SPHINX.rglob("*.py")))
    if RUNNING >= (3, 12):
        assert rejected == []
        return
    assert len(rejected) >= 20
    after = [(path, f.code) for path in rejected for f in analyze(path.read_bytes(), str(path)).findings
             if f.code in ("MP001", "MP002")]
    assert after == []


def test_real_files_of_newer_syntax_against_newer_pythons(newer_pythons):
    """Each real file the running Python rejects but the newest Python here compiles is analysed (no
    MP001/MP002), and every name of its lowered tree is at the place the newer Python gives it."""
    black = next(iter(sorted(SWEEP.glob("black-*/tests/data/cases"))), None)
    paths = sorted(SPHINX.rglob("*.py")) if SPHINX.is_dir() else []
    paths += sorted(black.glob("*.py")) if black is not None else []
    rejected = _rejected(paths)
    if not rejected or not newer_pythons:
        pytest.skip("no real files of newer syntax, or no newer Python, here")
    newest = newer_pythons[max(newer_pythons)]
    sources = [path.read_bytes().decode("utf-8") for path in rejected]
    theirs = _names_on(newest, sources)
    valid = [(path, source, names) for path, source, names in zip(rejected, sources, theirs) if names is not None]
    # 3.11 rejects sphinx's PEP 695/701 files too (28); 3.12 and 3.13 only black's cases of newer syntax
    assert len(valid) >= (25 if SPHINX.is_dir() and RUNNING < (3, 12) else 1)
    for path, source, names in valid:
        assert [f.code for f in analyze(source, str(path)).findings if f.code in ("MP001", "MP002")] == [], path
        mine = {(n.id, n.lineno, n.col_offset, n.end_lineno, n.end_col_offset)
                for n in ast.walk(parse_text(source)) if isinstance(n, ast.Name)}
        assert mine <= names, (path, sorted(mine - names)[:5])
