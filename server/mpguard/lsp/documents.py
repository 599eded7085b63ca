"""Text documents split into lines the way LSP clients do: at \\n, \\r\\n and \\r only.

pygls 2.1 applies incremental didChange edits to `TextDocument.lines`, which is
`source.splitlines(True)`: that also breaks at \\f, \\v, \\x1c-\\x1e, \\x85, \\u2028 and \\u2029, so
after such a character every (line, character) the client sends lands elsewhere in the server's copy.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from urllib.parse import unquote

from pygls.workspace import TextDocument, Workspace

from mpguard.text.chunks import line_starts, spliced_starts

log = logging.getLogger(__name__)


class _Lines(Sequence):
    """The rows of a text, each with its line break, sliced out on demand from known row offsets."""

    def __init__(self, text: str, starts: list[int]):
        self.text, self.starts = text, starts
        self.count = len(starts) - 1 if starts[-1] == len(text) else len(starts)

    def __len__(self) -> int:
        return self.count

    def __eq__(self, other) -> bool:
        return isinstance(other, (Sequence, _Lines)) and list(self) == list(other)

    __hash__ = None

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.count))]
        if index < 0:
            index += self.count
        if not 0 <= index < self.count:
            raise IndexError(index)
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[index]:end]


class LspTextDocument(TextDocument):
    """Rows split like LSP clients split them; an incremental change costs the edit, not the document
    (pygls rebuilds the whole text row by row: ~8 ms per keystroke in a 20,000-line file)."""

    _rows: tuple | None = None  # (source, row offsets) for the current source

    def _starts(self) -> list[int]:
        source = self.source
        if self._rows is None or self._rows[0] is not source:
            self._rows = (source, line_starts(source))
        return self._rows[1]

    @property
    def lines(self) -> Sequence[str]:
        return _Lines(self.source, self._starts())

    def _apply_incremental_change(self, change) -> None:
        source, starts = self.source, self._starts()
        lines = _Lines(source, starts)
        span = self.position_codec.range_from_client_units(lines, change.range)
        start, end = self._offset(lines, span.start), self._offset(lines, span.end)
        end = max(start, end)
        text = change.text
        new = source[:start] + text + source[end:]
        if "\r" in source or "\r" in text:
            rows = None  # a \r next to the edit may pair with a \n: count the rows again
        else:
            rows = spliced_starts(starts, new, start, end, start + len(text))
        self._source = new
        self._rows = (new, rows) if rows is not None else None

    @staticmethod
    def _offset(lines: _Lines, position) -> int:
        if position.line >= len(lines):
            return len(lines.text)
        row = lines[position.line]
        return lines.starts[position.line] + max(0, min(position.character, len(row)))


def use_lsp_line_breaks(workspace: Workspace) -> None:
    """Make `workspace` create LspTextDocument instances.

    pygls 2.1 has no documented hook for the document class: `Workspace._create_text_document`
    hard-codes `TextDocument`, and the protocol builds the Workspace itself inside its initialize
    handler. Our INITIALIZE handler runs right after that and before any document can arrive, so it
    replaces the factory on that one instance (same arguments as pygls' own).
    """
    def create(doc_uri: str, source: str | None = None, version: int | None = None,
               language_id: str | None = None) -> TextDocument:
        return LspTextDocument(doc_uri, source=source, version=version, language_id=language_id,
                               sync_kind=workspace._sync_kind, position_codec=workspace.position_codec)

    workspace._create_text_document = create
    _ignore_changes_to_unknown_documents(workspace)


def _ignore_changes_to_unknown_documents(workspace: Workspace) -> None:
    """pygls raises KeyError for a didChange of a document that is not open (never opened, or closed
    already), which reaches the user as "Error in server: KeyError". The change has nothing to
    apply to: it is logged and dropped."""
    update = workspace.update_text_document

    def update_text_document(text_doc, change) -> None:
        if unquote(text_doc.uri) not in workspace.text_documents:
            log.warning("didChange for %s, which is not open: ignored", text_doc.uri)
            return
        update(text_doc, change)

    workspace.update_text_document = update_text_document
