"""Notebook cells reach the server as text documents with a vscode-notebook-cell uri. VS Code
never pulls diagnostics for them, so the server pushes them even to a pull-capable client."""
import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_helpers import BLOG, SERVER, open_doc, start, wait_for


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    await start(lsp_client, pull=True)
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_notebook_cell_gets_pushed_diagnostics(client: LanguageClient):
    uri = "vscode-notebook-cell:/tmp/demo.ipynb#W0sZmlsZQ%3D%3D"
    open_doc(client, uri, BLOG.read_text())
    await wait_for(client, lambda: any(d.code == "MP201" for d in client.diagnostics.get(uri, ())))
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    await wait_for(client, lambda: len(client.diagnostics.get(uri, ())) == 0, what="cleared diagnostics")


@pytest.mark.asyncio
async def test_quoted_file_uri_is_found(client: LanguageClient, tmp_path):
    path = tmp_path / "my project" / "blog.py"
    path.parent.mkdir()
    path.write_text(BLOG.read_text())
    uri = path.as_uri()
    assert "%20" in uri
    open_doc(client, uri, path.read_text())
    result = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert any(d.code == "MP201" for d in result.items)


@pytest.mark.asyncio
async def test_a_cell_gets_notebook_findings_not_script_ones(client: LanguageClient):
    """Top-level pools are what notebooks do (no MP101); what they cannot do under spawn is hand a
    child a function the notebook defines (MP209)."""
    uri = "vscode-notebook-cell:/tmp/demo.ipynb#W1sZmlsZQ%3D%3D"
    assert await cell_findings(client, uri, "") == [("MP209", 8)]


async def cell_findings(client, uri: str, ipython: str) -> list:
    """Open a cell (the notebook's `work` handed to a pool) after some IPython lines; its findings."""
    cell = (f"import multiprocessing\n{ipython}\n\ndef work(x):\n    return x * 2\n\n\n"
            "with multiprocessing.Pool(2) as pool:\n    print(pool.map(work, range(3)))\n")
    open_doc(client, uri, cell)
    await wait_for(client, lambda: any(d.code == "MP209" for d in client.diagnostics.get(uri, ())))
    return [(d.code, d.range.start.line) for d in client.diagnostics[uri]]


@pytest.mark.asyncio
async def test_ipython_lines_in_a_cell_are_not_syntax_errors(client: LanguageClient):
    uri = "vscode-notebook-cell:/tmp/demo.ipynb#W2sZmlsZQ%3D%3D"
    assert await cell_findings(client, uri, "%matplotlib inline\n!pip install numpy\n") == [("MP209", 10)]
    edited = ("import multiprocessing\n%matplotlib inline\n!pip install numpy\n\n\ndef work(x):\n    return x * 3\n\n\n"
              "with multiprocessing.Pool(2) as pool:\n    print(pool.map(work, range(3)))\n")
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=edited)]))
    await wait_for(client, lambda: client.diagnostics.get(uri) and
                   client.diagnostics[uri][0].data["version"] == 2, what="diagnostics of version 2")
    assert [(d.code, d.range.start.line) for d in client.diagnostics[uri]] == [("MP209", 10)]
