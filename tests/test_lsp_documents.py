"""The server's copy of a document follows incremental edits with LSP line breaks (\\n, \\r\\n, \\r only)."""
from __future__ import annotations

from lsprotocol import types
from pygls.workspace import Workspace

from mpguard.config import Settings
from mpguard.lsp import analysis
from mpguard.lsp.documents import LspTextDocument, use_lsp_line_breaks


def change(doc, line, char, end_line, end_char, text):
    doc.apply_change(types.TextDocumentContentChangePartial(range=types.Range(
        start=types.Position(line=line, character=char), end=types.Position(line=end_line, character=end_char)),
        text=text))


def test_edits_after_characters_str_splitlines_breaks_at():
    text = "a = 1\n\x0c\nb = 2  # \u2028 \x85 \x1c\nc = 3\r\nd = 4\re = 5\n"
    doc = LspTextDocument("file:///x.py", text)
    change(doc, 3, 4, 3, 5, "30")  # `c = 3` is line 3 for the client
    change(doc, 5, 0, 5, 1, "E")  # after a lone \r
    assert doc.source == "a = 1\n\x0c\nb = 2  # \u2028 \x85 \x1c\nc = 30\r\nd = 4\rE = 5\n"
    change(doc, 6, 0, 6, 0, "f = 6\n")  # at the very end
    assert doc.source.endswith("E = 5\nf = 6\n")


def test_workspace_creates_lsp_documents():
    workspace = Workspace(None)
    use_lsp_line_breaks(workspace)
    workspace.put_text_document(types.TextDocumentItem(uri="file:///y.py", language_id="python", version=1,
                                                       text="x\x0cy\nz\n"))
    doc = workspace.get_text_document("file:///y.py")
    assert isinstance(doc, LspTextDocument) and doc.lines == ("x\x0cy\n", "z\n")
    workspace.update_text_document(types.VersionedTextDocumentIdentifier(uri="file:///y.py", version=2),
                                   types.TextDocumentContentChangePartial(range=types.Range(
                                       start=types.Position(line=1, character=0),
                                       end=types.Position(line=1, character=1)), text="w"))
    assert doc.source == "x\x0cy\nw\n" and doc.version == 2


def test_bom_is_not_a_syntax_error_and_columns_count_it():
    text = "\ufeffimport multiprocessing; multiprocessing.Pool().map(lambda x: x, [1])\n"
    outcome = analysis.run(analysis.Job("file:///b.py", 1, text, None, None, Settings(), 0))
    assert outcome.result.error is None and outcome.findings
    assert outcome.source.text == text
    for finding in outcome.findings:
        assert text[finding.start.column:].startswith("multiprocessing.Pool()")


# ---- incremental changes by offset, against pygls' own row-by-row algorithm ------------------------
import re  # noqa: E402

from hypothesis import given, settings, strategies as st  # noqa: E402
from pygls.workspace import TextDocument  # noqa: E402

_ROWS = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


class ReferenceDocument(TextDocument):
    """pygls' algorithm over rows split the LSP way (what LspTextDocument did before it worked by offset)."""

    @property
    def lines(self):
        return tuple(_ROWS.findall(self.source))


PIECES = st.sampled_from(["a", "bc", " ", "\n", "\r\n", "\r", "é", "😀", "\t", "x = 1\n", ""])
TEXTS = st.lists(PIECES, max_size=12).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(TEXTS, st.lists(st.tuples(st.integers(0, 6), st.integers(0, 8), st.integers(0, 6), st.integers(0, 8), TEXTS),
                       min_size=1, max_size=5))
def test_incremental_changes_match_pygls(text, edits):
    ours, reference = LspTextDocument("file:///a.py", text), ReferenceDocument("file:///a.py", text)
    for line, char, end_line, end_char, new in edits:
        # Positions a client can send: on a row, within it (UTF-16 units), or at the very end.
        rows = list(reference.lines) or [""]
        line, end_line = min(line, len(rows) - 1), min(end_line, len(rows) - 1)
        char, end_char = (min(c, len(rows[r].rstrip("\r\n").encode("utf-16-le")) // 2)
                          for r, c in ((line, char), (end_line, end_char)))
        if (end_line, end_char) < (line, char):
            line, char, end_line, end_char = end_line, end_char, line, char
        for doc in (ours, reference):
            change(doc, line, char, end_line, end_char, new)
        assert ours.source == reference.source
        assert list(ours.lines) == list(reference.lines)
