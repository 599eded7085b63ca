"""Helpers for the language-server tests (pytest-lsp over stdio)."""
from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

# Never a bare `python -m`: it puts the working directory first on sys.path before mpguard can drop it
# (docs/safety.md). -P (3.11+) leaves out just that; -I, on older versions, also ignores PYTHON* variables.
SERVER = [sys.executable, "-P" if sys.version_info >= (3, 11) else "-I", "-m", "mpguard", "server"]
FIXTURES = Path(__file__).resolve().parents[1] / "examples"  # the workspace the tests open
BLOG = FIXTURES / "blog_closure_target.py"  # the blog program (seed case), shipped as an example
TIMEOUT = 15.0


def capabilities(pull: bool = False, encodings: list[str] | None = None,
                 resolve: bool = True, notebooks: bool = False) -> types.ClientCapabilities:
    caps = client_capabilities("visual-studio-code")  # VS Code 1.65: push diagnostics, utf-16
    if notebooks:  # LSP 3.17 notebook document sync (VS Code with vscode-languageclient 8+)
        caps.notebook_document = types.NotebookDocumentClientCapabilities(
            synchronization=types.NotebookDocumentSyncClientCapabilities())
    if pull:
        caps.text_document.diagnostic = types.DiagnosticClientCapabilities(dynamic_registration=False)
        caps.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    if encodings:
        caps.general.position_encodings = encodings
    if not resolve and caps.text_document.code_action:
        caps.text_document.code_action.resolve_support = None
    return caps


async def start(client: LanguageClient, root: Path = FIXTURES, options=None, **caps) -> types.InitializeResult:
    return await client.initialize_session(types.InitializeParams(
        capabilities=capabilities(**caps), root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
        initialization_options=options))


def open_doc(client: LanguageClient, uri: str, text: str, version: int = 1) -> None:
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="python", version=version, text=text)))


def replace_all(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def edit(client: LanguageClient, uri: str, version: int, edits: list[types.TextEdit]) -> None:
    """Send TextEdits as incremental changes (last first, so earlier ranges stay valid)."""
    ordered = sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangePartial(range=e.range, text=e.new_text) for e in ordered]))


async def wait_for(client: LanguageClient, predicate, timeout: float = TIMEOUT, what: str = "diagnostics"):
    """Wait until `predicate()` holds, re-checking after every published diagnostic."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        remaining = deadline - loop.time()
        if remaining <= 0:
            raise AssertionError(f"timed out waiting for {what}")
        try:
            await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS),
                                   min(remaining, 0.5))
        except asyncio.TimeoutError:
            pass


async def diagnostics_where(client: LanguageClient, uri: str, predicate, what: str = "diagnostics"):
    await wait_for(client, lambda: uri in client.diagnostics and predicate(client.diagnostics[uri]), what=what)
    return client.diagnostics[uri]


def codes(diagnostics) -> list[tuple[str, int]]:
    return [(d.code, d.range.start.line) for d in diagnostics]


def apply_text_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP edits (UTF-16 positions) to text, like an editor would."""
    lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z", text) or [""]  # LSP breaks only

    def offset(pos: types.Position) -> int:
        before = sum(len(line) for line in lines[:pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        units, index = 0, 0
        while index < len(line) and units < pos.character and line[index] not in "\r\n":
            units += 2 if ord(line[index]) > 0xFFFF else 1
            index += 1
        return before + index

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


# --- one server for a module's tests ---------------------------------------------------------------
# Starting a server costs about a second of CPU (most of it importing pygls, lsprotocol and mpguard), and most
# tests only open documents and ask about them. Those share one server per module, initialized once with the
# same capabilities and options; a test that checks startup, settings given at initialize, a crash or the
# shutdown keeps a fresh server of its own. Between tests the documents and notebooks a test opened are
# closed (the server then forgets them: state.MpguardServer.forget) and what the client recorded is cleared,
# so a test sees only its own diagnostics, messages and logs.
# Every test using one must run on the module's event loop, where the server's pipes live: mark it with SHARED.
SHARED = pytest.mark.asyncio(loop_scope="module")


def shared_server(**initialize):
    """A module-scoped fixture: a server started and initialized (lsp_helpers.start(**initialize)) once.
    Tests take it through a function-scoped fixture of the module's loop that calls `tidy` after the test:

        @pytest_asyncio.fixture(loop_scope="module")
        async def client(push_server):
            yield push_server
            await tidy(push_server)
    """

    @pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), scope="module")
    async def server(lsp_client: LanguageClient):
        lsp_client.initialized_with = await start(lsp_client, **initialize)
        _record_opened(lsp_client)
        yield
        await lsp_client.shutdown_session()

    return server


def _record_opened(client: LanguageClient) -> None:
    client.opened_documents, client.opened_notebooks = set(), {}
    open_text, open_notebook = client.text_document_did_open, client.notebook_document_did_open

    def text_opened(params: types.DidOpenTextDocumentParams) -> None:
        client.opened_documents.add(params.text_document.uri)
        open_text(params)

    def notebook_opened(params: types.DidOpenNotebookDocumentParams) -> None:
        client.opened_notebooks[params.notebook_document.uri] = [d.uri for d in params.cell_text_documents]
        open_notebook(params)

    client.text_document_did_open, client.notebook_document_did_open = text_opened, notebook_opened


async def tidy(client: LanguageClient) -> None:
    """After a test on a shared server: close what it opened, forget what the client recorded."""
    for uri, cells in client.opened_notebooks.items():  # (closing one twice is ignored by the server)
        client.notebook_document_did_close(types.DidCloseNotebookDocumentParams(
            notebook_document=types.NotebookDocumentIdentifier(uri=uri),
            cell_text_documents=[types.TextDocumentIdentifier(uri=cell) for cell in cells]))
    for uri in client.opened_documents:
        client.text_document_did_close(types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))
    client.opened_documents.clear()
    client.opened_notebooks.clear()
    # A request after the closes: the server handles messages in order, so once it answers, it has forgotten
    # the documents and its empty publications for them have reached the client.
    await asyncio.wait_for(client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="mpguard.showRule", arguments=["MP201"])), TIMEOUT)
    client.diagnostics.clear()
    client.messages.clear()
    client.log_messages.clear()
    client.shown_documents.clear()
    client.progress_reports.clear()
    client.diagnostic_refresh_count = 0
    client._last_log_index = 0
