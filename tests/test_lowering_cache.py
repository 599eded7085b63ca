"""A version of a document that does not parse is scanned by the lowering once, however often it is
parsed (the diagnostics, then each code action and hover on it): counted, not timed."""
from __future__ import annotations

import sys

import pytest

from mpguard.linter.analyze import parse
from mpguard.text import lowering, newer_parse


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


def _broken(rows: int) -> str:
    """Newer syntax (which the lowering must scan for) and a genuine error after it."""
    return "import os\nclass Box[T]:\n    pass\nx = (\n" + "".join(f"v{i} = f'{{os.sep}}{i}'\n" for i in range(rows))


def test_a_broken_version_parsed_again_is_not_scanned_again(scans):
    text = _broken(200)
    with pytest.raises(SyntaxError) as first:
        parse(text)
    count = len(scans)
    assert count >= 1
    for _request in range(3):
        with pytest.raises(SyntaxError) as again:
            parse(text)
        assert (again.value.lineno, again.value.offset, again.value.msg) == \
            (first.value.lineno, first.value.offset, first.value.msg)
    assert len(scans) == count


def test_a_new_version_is_scanned_and_few_versions_are_kept(scans):
    for i in range(newer_parse.RECENT_TEXTS + 3):
        with pytest.raises(SyntaxError):
            parse(_broken(50 + i))
    assert len(scans) >= newer_parse.RECENT_TEXTS + 3
    assert len(newer_parse._RECENT) <= newer_parse.RECENT_TEXTS


def test_newer_syntax_still_reads_through_the_cache(scans):
    text = "class Box[T]:\n    pass\n"
    for _ in range(2):
        tree = parse(text)
        assert tree.body[0].name == "Box"
    assert len(scans) == (1 if sys.version_info < (3, 12) else 0)  # 3.12 parses it without the lowering
