"""Notebook cells reach the server as text documents with a vscode-notebook-cell uri. VS Code
never pulls diagnostics for them, so the server pushes them even to a pull-capable client."""
import pytest
import pytest_asyncio
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_helpers import BLOG, SERVER, SHARED, open_doc, shared_server, start, tidy, wait_for


# One pull-capable server for the tests that open cells and files (lsp_helpers.shared_server)
pull_server = shared_server(pull=True)


@pytest_asyncio.fixture(loop_scope="module")
async def client(pull_server):
    yield pull_server
    await tidy(pull_server)


@SHARED
async def test_notebook_cell_gets_pushed_diagnostics(client: LanguageClient):
    uri = "vscode-notebook-cell:/tmp/demo.ipynb#W0sZmlsZQ%3D%3D"
    open_doc(client, uri, BLOG.read_text())
    await wait_for(client, lambda: any(d.code == "MP201" for d in client.diagnostics.get(uri, ())))
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    await wait_for(client, lambda: len(client.diagnostics.get(uri, ())) == 0, what="cleared diagnostics")


@SHARED
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


@SHARED
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


@SHARED
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


NB = "file:///tmp/mpguard-demo/analysis.ipynb"
CELL1 = "import multiprocessing\n\n\ndef work(x):\n    return x * 2\n"
CELL2 = "%matplotlib inline\nwith multiprocessing.Pool(2) as pool:\n    print(pool.map(work, range(3)))\n"


def cell_uri(n: int) -> str:
    return f"vscode-notebook-cell:/tmp/mpguard-demo/analysis.ipynb#W{n}sZmlsZQ%3D%3D"


def open_notebook(client: LanguageClient, sources: list[str]) -> None:
    cells = [types.NotebookCell(kind=types.NotebookCellKind.Code, document=cell_uri(i)) for i in range(len(sources))]
    docs = [types.TextDocumentItem(uri=cell_uri(i), language_id="python", version=1, text=text)
            for i, text in enumerate(sources)]
    client.notebook_document_did_open(types.DidOpenNotebookDocumentParams(
        notebook_document=types.NotebookDocument(uri=NB, notebook_type="jupyter-notebook", version=1, cells=cells),
        cell_text_documents=docs))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def synced(lsp_client: LanguageClient):
    lsp_client.initialized_with = await start(lsp_client, pull=True, notebooks=True)
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_notebook_sync_analyses_the_cells_as_one_module(synced: LanguageClient):
    client = synced
    """The pool in the second cell uses the function of the first: MP209 on the second cell's line 3,
    as `mpguard check` says for the .ipynb; analysed alone, the second cell would not know `work`."""
    assert client.initialized_with.capabilities.notebook_document_sync is not None
    open_notebook(client, [CELL1, CELL2])
    await wait_for(client, lambda: any(d.code == "MP209" for d in client.diagnostics.get(cell_uri(1), ())))
    assert [(d.code, d.range.start.line) for d in client.diagnostics[cell_uri(1)]] == [("MP209", 2)]
    assert len(client.diagnostics.get(cell_uri(0), ())) == 0
    # Hover and quick fixes in the cell come from the notebook's analysis, in the cell's rows.
    diag = client.diagnostics[cell_uri(1)][0]
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=cell_uri(1)), position=diag.range.start))
    assert hover is not None and "MP209" in hover.contents.value
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=cell_uri(1)), range=diag.range,
        context=types.CodeActionContext(diagnostics=[diag])))
    assert any(a.title == "Disable MP209 for this line" for a in actions)
    noqa = next(a for a in actions if a.title == "Disable MP209 for this line")
    assert noqa.edit.changes[cell_uri(1)][0].range.start.line == 2

    # Renaming the function in the first cell: the pool's `work` is no longer the notebook's.
    client.notebook_document_did_change(types.DidChangeNotebookDocumentParams(
        notebook_document=types.VersionedNotebookDocumentIdentifier(uri=NB, version=2),
        change=types.NotebookDocumentChangeEvent(cells=types.NotebookDocumentCellChanges(text_content=[
            types.NotebookDocumentCellContentChanges(
                document=types.VersionedTextDocumentIdentifier(uri=cell_uri(0), version=2),
                changes=[types.TextDocumentContentChangeWholeDocument(text=CELL1.replace("def work", "def other"))])]))))
    await wait_for(client, lambda: len(client.diagnostics.get(cell_uri(1), ("x",))) == 0, what="MP209 gone")
    client.notebook_document_did_close(types.DidCloseNotebookDocumentParams(
        notebook_document=types.NotebookDocumentIdentifier(uri=NB),
        cell_text_documents=[types.TextDocumentIdentifier(uri=cell_uri(i)) for i in range(2)]))


def test_the_command_line_agrees_on_the_same_notebook(tmp_path):
    import json

    from mpguard.linter.files import analyze_notebook
    from mpguard.linter.settings import Settings

    path = tmp_path / "analysis.ipynb"
    path.write_text(json.dumps({"cells": [{"cell_type": "code", "source": CELL1},
                                          {"cell_type": "code", "source": CELL2}], "nbformat": 4}))
    result = analyze_notebook(path.read_bytes(), path, Settings(), None)
    assert [(f.code, result.cells[f.start.row - 1]) for f in result.findings] == [("MP209", (2, 3))]
