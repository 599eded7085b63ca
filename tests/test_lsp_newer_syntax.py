"""Language server: a document in syntax newer than the server's Python (mpguard.text.lowering) is checked,
with ranges in the editor's columns; broken mid-edit it keeps its last diagnostics like any document."""
from __future__ import annotations

import sys

import pytest
import pytest_asyncio
from pytest_lsp import LanguageClient

from lsp_helpers import BLOG, SHARED, codes, diagnostics_where, open_doc, replace_all, shared_server, tidy, wait_for

URI = (BLOG.parent / "newer_syntax.py").as_uri()
TEXT = (
    "import multiprocessing\n"
    "class Box[T: int]:\n"
    "    pass\n"
    'label = f"{Box.__name__["é"]}"; p = multiprocessing.Process(target=print); p.start()\n'
)


default_server = shared_server()  # one server for the module (lsp_helpers.shared_server)


@pytest_asyncio.fixture(loop_scope="module")
async def client(default_server):
    yield default_server
    await tidy(default_server)


@SHARED
async def test_a_document_of_newer_syntax_is_checked_and_survives_a_broken_edit(client: LanguageClient):
    open_doc(client, URI, TEXT)
    diags = await diagnostics_where(client, URI, len)
    assert codes(diags) == [("MP101", 3)]
    line = TEXT.splitlines()[3]
    assert line[diags[0].range.start.character:diags[0].range.end.character] == "p.start()"  # UTF-16 = code points here
    replace_all(client, URI, TEXT.replace("    pass\n", "    pass(\n"), 2)  # mid-edit
    await wait_for(client, lambda: any(d.data and d.data.get("version") == 2 for d in client.diagnostics.get(URI) or []),
                   what="version 2")
    assert codes(client.diagnostics[URI]) == [("MP101", 3)]  # the last good diagnostics, kept
    replace_all(client, URI, TEXT.replace("p.start()", "p.join()"), 3)
    await diagnostics_where(client, URI, lambda d: len(d) == 0, "no start, no finding")


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="the server's Python reads PEP 701 f-strings")
@SHARED
async def test_newer_syntax_that_cannot_be_read_is_mp002(client: LanguageClient):
    open_doc(client, URI, 'import multiprocessing\ndef g():\n    x = f"{yield "a"}"\n')
    diags = await diagnostics_where(client, URI, len)
    assert codes(diags) == [("MP002", 2)]
    assert "Python 3.12" in diags[0].message
