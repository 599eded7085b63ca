"""Property tests for the core: `analyze()` never raises and never points outside the document.

(a) random *valid* programs assembled from multiprocessing snippets, nested in random contexts;
(b) random truncations and byte-level mutations of the oracle cases (tests/corpus/oracle/cases).

conftest.py sets MPGUARD_STRICT=1, so an internal error raises here instead of becoming MP002.
"""
from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from fuzz_profiles import examples
from mpguard.config import Settings
from mpguard.linter.analyze import analyze
from mpguard.fixes.apply import apply_edits
from mpguard.text.source import SourceText
from mpguard.linter.files import resolver_for

ORACLE = Path(__file__).resolve().parent / "corpus" / "oracle" / "cases"
CASES = sorted(ORACLE.glob("*.py")) if ORACLE.is_dir() else []

FUZZ = settings(max_examples=examples("core"), deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

HEADERS = [
    "import multiprocessing\n",
    "import multiprocessing as mp\n",
    "from multiprocessing import Pool, Process, Queue, Manager, get_context, set_start_method\n",
    "import concurrent.futures\nfrom concurrent.futures import ProcessPoolExecutor\n",
    "import threading\nimport os\nimport logging\n",
    "from multiprocessing import pool as mpool\nimport functools\n",
]

# Statements valid at any indentation; {i} keeps names unique, {name} refers to an earlier def.
SNIPPETS = [
    "def work_{i}(x):\n    return x * 2\n",
    "def factory_{i}(k):\n    def inner(x):\n        return x + k\n    return inner\n",
    "square_{i} = lambda x: x * x\n",
    "class Job{i}:\n    def __init__(self):\n        self.lock = threading.Lock()\n    def __call__(self, x):\n        return x\n",
    "with multiprocessing.Pool(2) as pool_{i}:\n    pool_{i}.map({name}, range(3))\n",
    "with multiprocessing.Pool() as pool_{i}:\n    pool_{i}.map(lambda x: x, [1])\n",
    "p_{i} = multiprocessing.Process(target={name}, args=(1,))\np_{i}.start()\np_{i}.join()\n",
    "p_{i} = multiprocessing.Process(target=factory_0(3))\np_{i}.start()\n",
    "q_{i} = multiprocessing.Queue()\nq_{i}.put(threading.Lock())\n",
    "multiprocessing.set_start_method('spawn')\n",
    "multiprocessing.set_start_method('fork', force=True)\n",
    "ctx_{i} = multiprocessing.get_context('forkserver')\nctx_{i}.Process(target={name}).start()\n",
    "with concurrent.futures.ProcessPoolExecutor() as ex_{i}:\n    ex_{i}.submit({name}, 1).result()\n",
    "with concurrent.futures.ProcessPoolExecutor(initializer=lambda: None) as ex_{i}:\n    list(ex_{i}.map(str, [1]))\n",
    "RESULTS_{i} = []\ndef collect_{i}(x):\n    RESULTS_{i}.append(x)\n",
    "open('out_{i}.txt', 'w').write('x')\n",
    "logging.basicConfig()\n",
    "m_{i} = multiprocessing.Manager()\nd_{i} = m_{i}.dict()\n",
    "pool_{i} = multiprocessing.Pool(2)\nr_{i} = pool_{i}.apply_async({name}, (1,))\n",
    "pool_{i} = multiprocessing.Pool(2)\npool_{i}.close()\npool_{i}.join()\n",
    "t_{i} = threading.Thread(target={name})\nt_{i}.start()\n",
    "f_{i} = functools.partial({name}, 1)\n",
    "async def job_{i}():\n    return 1\n",
    "class Err{i}(Exception):\n    def __init__(self, a, b):\n        super().__init__(a)\n",
    "os.fork()\n",
    "x_{i}: int = 1\n",
    "global_{i} = [n for n in range(3) if n]\n",
]

CONTEXTS = [
    "if __name__ == '__main__':\n",
    "def outer_{i}():\n",
    "class Holder{i}:\n",
    "try:\n{body}except Exception:\n    pass\n",
    "with open('f') as fh_{i}:\n",
    "for it_{i} in range(2):\n",
    "if True:\n{body}else:\n    pass\n",
    "async def aouter_{i}():\n",
    "while False:\n",
]


@st.composite
def programs(draw) -> str:
    parts = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=3))
    names = ["print"]

    def block(depth: int) -> str:
        out = []
        for _ in range(draw(st.integers(1, 4))):
            i = len(names)
            if depth < 3 and draw(st.integers(0, 3)) == 0:
                context = draw(st.sampled_from(CONTEXTS))
                body = textwrap.indent(block(depth + 1), "    ")
                out.append(context.format(i=i, body=body) if "{body}" in context
                           else context.format(i=i) + body)
                names.append(f"outer_{i}")
            else:
                snippet = draw(st.sampled_from(SNIPPETS))
                out.append(snippet.format(i=i, name=draw(st.sampled_from(names))))
                names.append(f"work_{i}" if snippet.startswith("def work") else "print")
        return "".join(out)

    parts.append("import threading, functools, logging, os, concurrent.futures, multiprocessing\n")
    parts.append(block(0))
    return "".join(parts)


def assert_inside(text: str, result) -> None:
    """Every position the core reports is a real place in `text` (no clamping needed)."""
    source = SourceText(text)
    assert result.source is None or result.source.text == text

    def inside(pos, what):
        assert source.clamp(pos) == pos, f"{what} {pos} is outside the document ({len(source.lines)} lines)"

    for finding in result.findings:
        where = f"{finding.code} ({finding.message[:60]!r})"
        inside(finding.start, f"{where} start")
        inside(finding.end, f"{where} end")
        assert finding.start <= finding.end, f"{where}: start after end"
        assert finding.message.strip(), f"{finding.code} has an empty message"
        for pos, _ in finding.related:
            inside(pos, f"{where} related")
        if finding.fix is not None:
            for edit in finding.fix.edits:
                inside(edit.start, f"{where} fix edit start")
                inside(edit.end, f"{where} fix edit end")
                assert edit.start <= edit.end


@FUZZ
@given(programs())
def test_random_valid_programs(program):
    ast.parse(program)  # the generator only builds valid code
    result = analyze(program, "fuzz.py")
    assert result.error is None, result.error
    assert_inside(program, result)
    for finding in result.findings:  # offered fixes keep the file parseable
        if finding.fix is not None:
            fixed = apply_edits(program, finding.fix.edits)
            ast.parse(fixed)


@FUZZ
@given(programs(), st.sampled_from(["\r\n", "\r"]))
def test_random_programs_with_other_line_endings(program, newline):
    text = program.replace("\n", newline)
    result = analyze(text, "fuzz.py")
    assert_inside(text, result)
    assert {f.code for f in result.findings} == {f.code for f in analyze(program, "fuzz.py").findings}


needs_oracle = pytest.mark.skipif(not CASES, reason=f"oracle cases not found at {ORACLE}")


def analyse_case(path: Path, data):
    return analyze(data, str(path), Settings(), resolver_for(path), None)


@needs_oracle
@FUZZ
@given(st.data())
def test_truncated_oracle_cases(data):
    path = data.draw(st.sampled_from(CASES))
    text = path.read_text(encoding="utf-8")
    cut = data.draw(st.integers(0, len(text)))
    truncated = text[:cut]
    result = analyse_case(path, truncated)
    assert_inside(truncated, result)


INTERESTING = [b"(", b")", b":", b"\n", b"    ", b"\t", b"\r", b"\0", b"\xff", b"\xc3", b"'", b'"""', b"\\",
               b"lambda: ", b"def ", b"class ", b"import ", b"multiprocessing.", b"Pool(", b"\xf0\x9f\x98\x80",
               b"\xef\xbb\xbf", b"# -*- coding: latin-1 -*-\n", b"if __name__ == '__main__':\n"]


def mutate(data: bytes, ops) -> bytes:
    buf = bytearray(data)
    for kind, where, payload in ops:
        at = int(where * len(buf))
        if kind == "replace" and buf:
            buf[at:at + len(payload)] = payload
        elif kind == "insert":
            buf[at:at] = payload
        else:
            del buf[at:at + len(payload)]
    return bytes(buf)


@needs_oracle
@FUZZ
@given(st.data())
def test_mutated_oracle_cases(data):
    path = data.draw(st.sampled_from(CASES))
    raw = path.read_bytes()
    payloads = st.one_of(st.binary(min_size=1, max_size=4), st.sampled_from(INTERESTING))
    ops = data.draw(st.lists(st.tuples(st.sampled_from(["replace", "insert", "delete"]), st.floats(0, 1),
                                       payloads), min_size=1, max_size=8))
    mutated = mutate(raw, ops)
    result = analyse_case(path, mutated)  # bytes in: the core decodes like the interpreter
    if result.source is not None:
        assert_inside(result.source.text, result)
    else:
        assert result.error
    if result.error:
        assert {f.code for f in result.findings} <= {"MP001", "MP002"}
        assert all(f.message.strip() for f in result.findings)


@needs_oracle
def test_every_oracle_case_analyses_cleanly():
    for path in CASES:
        result = analyse_case(path, path.read_bytes())
        assert result.error is None, (path.name, result.error)
        assert_inside(result.source.text, result)


PIECES = ["", ")", "(", "\n", "x = 1\n", "    y = 2\n", "def g():\n", "else:\n", "@dec\n", "\\\n", '"""', "#",
          "lambda: 0", "import functools\n", "pass\n\n\n", "        z = 3\n", "    if y:\n        pass\n",
          "def h():\n    return 1\n\n\n", "  # c\n", "x; "]


@needs_oracle
@FUZZ
@given(st.data())
def test_a_fix_checked_statement_by_statement_is_kept_only_if_the_whole_file_parses(data):
    """`fixer.validated` parses only the statements a fix touches (the innermost ones that own their
    rows, else the top-level ones): whatever it keeps must leave the whole file parsing."""
    from mpguard.fixes import apply as fixer
    from mpguard.text.findings import Applicability, Edit, Fix, Position

    path = data.draw(st.sampled_from(CASES))
    text = path.read_text(encoding="utf-8")
    source = SourceText(text)
    rows = text.count("\n") + 1
    points = []
    for _ in range(data.draw(st.integers(1, 3))):
        row = data.draw(st.integers(1, rows))
        points.append(Position(row, data.draw(st.integers(0, len(source.line_text(row))))))
    points.sort()
    edits, last = [], Position(0, 0)
    for point in points:  # non-overlapping: an insertion or a short replacement at each point
        if point < last:
            continue
        end = Position(point.row, min(point.column + data.draw(st.integers(0, 3)), len(source.line_text(point.row))))
        edits.append(Edit(point, end, data.draw(st.sampled_from(PIECES))))
        last = end
    candidate = Fix("fuzz", Applicability.SAFE, tuple(edits))
    token = fixer.TOP_LEVEL.set(fixer.known_statements(source, ast.parse(text)))  # statement by statement
    try:
        kept = fixer.validated(text, candidate)
    finally:
        fixer.TOP_LEVEL.reset(token)
    if kept is not None:
        ast.parse(apply_edits(text, edits))
