"""Hovers show the code a message quotes as written: `<locals>`, `*args`, `__main__` survive a
Markdown renderer (markdown-it-py, CommonMark + tables, stands in for VS Code's)."""
from __future__ import annotations

import re

import pytest

from mpguard.linter.analyze import analyze
from mpguard.lsp.hover import finding_hover, note_markdown
from mpguard.rules.docs import hover_markdown
from mpguard.rules.registry import get
from mpguard.semantic.platforms import TargetSet
from mpguard.text import markdown
from mpguard.text.findings import Finding, Position
from mpguard.text.source import SourceText

markdown_it = pytest.importorskip("markdown_it")
TRICKY = ["'test_closure.<locals>.test_b'", "*args and **kwargs", "__main__", "a | b", "`x`", "[x](y)",
          "<script>", "&lt;", "#1", "~~gone~~", "\\n"]


def shown(text: str) -> str:
    """What a reader sees: the rendered HTML without tags, entities decoded."""
    import html

    rendered = markdown_it.MarkdownIt("commonmark").enable("table").render(text)
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


@pytest.mark.parametrize("text", TRICKY)
def test_escape_shows_the_text_as_written(text):
    assert shown(markdown.escape(text)).strip() == text


@pytest.mark.parametrize("text", TRICKY + ["``a`b``", "x|y`z"])
def test_code_span_in_a_table_cell_keeps_the_text(text):
    table = f"| a | b |\n|---|---|\n| {markdown.code(text, in_table=True)} | end |\n"
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(table)
    assert html.count("<td>") == 2, html  # the cell was not split
    assert " ".join(text.split()) in shown(table)


def test_blog_hover_shows_locals_intact():
    text = ("import multiprocessing\n\ndef test_closure():\n    def test_b(*args):\n        pass\n    return test_b\n\n"
            "if __name__ == '__main__':\n    multiprocessing.Process(target=test_closure()).start()\n")
    result = analyze(text, "blog.py")
    mp201 = [f for f in result.findings if f.code == "MP201"]
    assert mp201, result.findings
    source = SourceText(text)
    hover, _ = finding_hover(result.findings, source, mp201[0].start, TargetSet())
    assert "test_closure.<locals>.test_b" in shown(hover)
    assert "test_closure..test_b" not in shown(hover)


def test_hover_header_with_star_args_and_dunder_main():
    rule = get("MP201")
    finding = Finding("MP201", "target *args of __main__.<locals>.f is not picklable", Position(1, 0), Position(1, 1),
                      start_methods=frozenset({"spawn"}))
    out = shown(hover_markdown(rule, finding))
    assert "target *args of __main__.<locals>.f is not picklable" in out


def test_api_note_shows_the_qualified_name():
    assert "multiprocessing.Process" in shown(note_markdown("multiprocessing.Process", "Process", TargetSet()))
