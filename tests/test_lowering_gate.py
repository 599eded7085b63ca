"""`lowering_gate.may_lower`: the lowering's scan is skipped only when it could rewrite nothing.

Soundness is checked against the lowering itself, on every newer-syntax source of test_lowering.py,
pieces of them and edits of them (a character dropped or a bracket, a quote, a star typed), for each
Python version the lowering knows. The bound is proven by counting scans, not by timing."""
from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

from mpguard.linter.analyze import analyze, parse
from mpguard.text import lowering, newer_parse
from mpguard.text.lowering import lower
from mpguard.text.lowering_gate import may_lower

HERE = Path(__file__).resolve().parent


def _lowering_sources() -> list[str]:
    spec = importlib.util.spec_from_file_location("_lowering_cases", HERE / "test_lowering.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [v[2] for v in module.VALID] + [g[0] for g in module.GENUINE] + [module.UNLOWERABLE]


def _variants(texts: list[str]) -> list[str]:
    rng = random.Random(16)
    out = []
    for text in texts:
        lines = text.splitlines(True)
        for i in range(len(lines) + 1):
            out += ["".join(lines[:i]), "".join(lines[i:])]
        for _ in range(25):
            k = rng.randrange(len(text) + 1)
            out.append(text[:k] + text[k + 1:])
            k = rng.randrange(len(text) + 1)
            out.append(text[:k] + rng.choice("([{*,:'\"#\\\n") + text[k:])
    return out


@pytest.mark.parametrize("running", [(3, 11), (3, 12), (3, 13), (3, 14)])
def test_the_gate_never_skips_a_text_the_lowering_rewrites(running):
    texts = _variants(_lowering_sources())
    rewritten = skipped = 0
    for text in texts:
        lowered = lower(text, running)
        if lowered is not None and lowered.text != text:
            rewritten += 1
            assert may_lower(text, running), repr(text)
        skipped += not may_lower(text, running)
    assert rewritten > 20 and skipped > 100  # both sides are exercised


@pytest.mark.parametrize("text", [
    "class Box[T]:\n    pass\n", "def f[T](x: T) -> T:\n    return x\n", "type Pair = tuple[int, int]\n",
    "lazy import json\n", "try:\n    pass\nexcept ValueError, TypeError:\n    pass\n",
    "try:\n    pass\nexcept (ValueError,\n        TypeError):\n    pass\n", "xs = [*row for row in rows]\n",
    "name = t'{user}'\n", "s = f'{row['name']}'\n", "s = f'{a\\n}'\n", "s = f'{x:{y:{z}}}'\n",
    "s = f'''{x # comment\n}'''\n",
])
def test_newer_syntax_opens_the_gate(text):
    assert may_lower(text, (3, 11))


@pytest.mark.parametrize("text", [
    "lazy = pool.map(f, items)\n", "type = 3\nprint(type(x))\n", "def f(x):\n    return x[0]\n",
    "try:\n    pass\nexcept ValueError as exc:\n    raise\n", "f(*args, **kwargs)\nxs = [*a, *b]\n",
    "s = f'{name!r} has {count:>{width}} rows'\n", "d = {**base}\n",
])
def test_plain_code_keeps_the_gate_shut(text):
    assert not may_lower(text, (3, 11))


@pytest.fixture
def scans(monkeypatch):
    seen = []
    real = lowering.lower

    def counted(text, *args, **kwargs):
        seen.append(len(text))
        return real(text, *args, **kwargs)

    monkeypatch.setattr(lowering, "lower", counted)
    newer_parse.forget()
    yield seen
    newer_parse.forget()


@pytest.mark.skipif(sys.version_info < (3, 11), reason="before 3.11 the gate always lets the scan run (PEP 646 stars)")
def test_a_typo_in_a_large_file_of_plain_code_is_not_scanned(scans):
    rows = "".join(f"def f{i}(x):\n    return [y for y in x if y != {i}]\n\n" for i in range(2_500))
    text = "import multiprocessing\n" + rows.replace("def f10(x):", "def f10(x:", 1)
    with pytest.raises(SyntaxError) as error:
        parse(text)
    assert error.value.lineno == 32
    result = analyze(text, "big.py")
    assert [f.code for f in result.findings] == ["MP001"]
    assert scans == []


def test_a_typo_in_a_file_of_newer_syntax_is_still_read_through_the_lowering(scans):
    text = "class Box[T]:\n    pass\n\nx = (\n"
    result = analyze(text, "box.py")
    assert [f.code for f in result.findings] == ["MP001"]
    # scanned once on every version: the gate does not tell `[T]` (3.12) from `[T = int]` (3.13) or the
    # newer statements the lowering also reads (`lazy import`), so it lets the scanner look
    assert len(scans) == 1
