"""Text documents split into lines the way LSP clients do: at \\n, \\r\\n and \\r only.

pygls 2.1 applies incremental didChange edits to `TextDocument.lines`, which is
`source.splitlines(True)`: that also breaks at \\f, \\v, \\x1c-\\x1e, \\x85, \\u2028 and \\u2029, so
after such a character every (line, character) the client sends lands elsewhere in the server's copy.
"""
from __future__ import annotations

import re
from typing import Sequence

from pygls.workspace import TextDocument, Workspace

# Same breaks as `mpguard.core.source.SourceText.lines`; like `splitlines(True)`, no empty last line.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


class LspTextDocument(TextDocument):
    @property
    def lines(self) -> Sequence[str]:
        return tuple(_LINE.findall(self.source))


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
