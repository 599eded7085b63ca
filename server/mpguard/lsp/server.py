"""`mpguard server`: the pygls language server, its handler registrations and `run`."""
from __future__ import annotations

import logging
import sys

from lsprotocol import types
from pygls.uris import to_fs_path

from mpguard.config import KEYS
from mpguard.lsp import actions, features, transport
from mpguard.lsp.documents import use_lsp_line_breaks
from mpguard.lsp.explain import explain_command
from mpguard.lsp.state import MpguardServer

server = MpguardServer()
log = logging.getLogger("mpguard.lsp")


@server.feature(types.INITIALIZE)
def initialize(ls: MpguardServer, params: types.InitializeParams) -> None:
    use_lsp_line_breaks(ls.workspace)  # pygls has just created the workspace; no document is open yet
    ls.settings.set_client(params.initialization_options, "initializationOptions")
    ls.pull = ls.capability("text_document.diagnostic") is not None
    ls.scheduler.eager = not ls.pull
    if ls.pull:
        ls.feature(types.TEXT_DOCUMENT_DIAGNOSTIC, types.DiagnosticOptions(
            identifier="mpguard", inter_file_dependencies=True, workspace_diagnostics=False))(features.pull_diagnostics)
    if not ls.capability("workspace.configuration"):
        ls.config_ready.set()


@server.feature(types.INITIALIZED)
async def initialized(ls: MpguardServer, params: types.InitializedParams) -> None:
    if not ls.config_ready.is_set():
        await pull_configuration(ls)
        ls.config_ready.set()


async def pull_configuration(ls: MpguardServer) -> bool:
    """Ask the client for its "mpguard" section; True when it answered with settings."""
    try:
        answer = await ls.workspace_configuration_async(types.ConfigurationParams(
            items=[types.ConfigurationItem(scope_uri=ls.workspace.root_uri, section="mpguard")]))
    except Exception as exc:  # a client that errors on the request must not stop the server
        ls.log_error(f"workspace/configuration failed: {exc}")
        return False
    value = answer[0] if isinstance(answer, (list, tuple)) and answer else None
    log.debug("workspace/configuration answered %r", answer)
    if isinstance(value, dict) and value:
        ls.settings.set_client(value, "workspace/configuration")
        return True
    return False


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: MpguardServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.scheduler.invalidate(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: MpguardServer, params: types.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.offload.supersede(uri)  # fixes or hovers for the old text: given up
    if ls.gate.edited(uri, ls.settings.options):  # lint.run = onSave: requests analyse it, nothing is published
        ls.scheduler.dirty.add(uri)
        return
    ls.changed(uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: MpguardServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    held = ls.gate.holds(uri)
    ls.gate.released(uri)
    ls.changed(uri)
    if held:
        ls.refresh()  # pull mode: the client pulls the saved document's diagnostics


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: MpguardServer, params: types.DidCloseTextDocumentParams) -> None:
    # pygls has already dropped the document: use only the uri (get_text_document would read the disk).
    uri = params.text_document.uri
    ls.gate.forget(uri)
    ls.forget(uri)
    ls.dependents_changed(uri, to_fs_path(uri))  # importers now read the file from disk again


@server.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
def did_open_notebook(ls: MpguardServer, params: types.DidOpenNotebookDocumentParams) -> None:
    ls.notebooks.changed(params.notebook_document.uri)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
def did_change_notebook(ls: MpguardServer, params: types.DidChangeNotebookDocumentParams) -> None:
    ls.notebooks.changed(params.notebook_document.uri)


@server.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
def did_close_notebook(ls: MpguardServer, params: types.DidCloseNotebookDocumentParams) -> None:
    ls.notebooks.closed(params.notebook_document.uri, [cell.uri for cell in params.cell_text_documents])


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: MpguardServer, params: types.DidChangeConfigurationParams) -> None:
    """Settings in the payload win; an empty (or foreign) payload means: pull them."""
    raw = params.settings
    if _ours(raw):
        ls.settings.set_client(raw, "workspace/didChangeConfiguration")
    elif ls.capability("workspace.configuration"):
        await pull_configuration(ls)  # no answer: keep the settings we have
    ls.recheck_all()


def _ours(raw) -> bool:
    if not isinstance(raw, dict):
        return False
    return any(isinstance(raw.get(k), dict) for k in ("mpguard", "settings")) or bool(set(raw) & set(KEYS))


server.feature(types.TEXT_DOCUMENT_HOVER)(features.hover)
server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL_KIND],
    resolve_provider=True))(features.code_action)
server.feature(types.CODE_ACTION_RESOLVE)(features.resolve_code_action)
server.command("mpguard.showRule")(features.show_rule)
server.command("mpguard.fixAll")(features.fix_all)
server.command("mpguard.debugInfo")(features.debug_info)
server.command("mpguard.explain")(explain_command)
server.command("mpguard.migrate")(features.migrate)


def run(tcp: str | None = None, log_file: str | None = None) -> int:
    logging.basicConfig(filename=log_file, level=logging.INFO if log_file else logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if tcp:
        host, _, port = tcp.rpartition(":")
        try:
            port_number = int(port)
        except ValueError:
            print(f"mpguard: error: --tcp expects HOST:PORT, got {tcp!r}", file=sys.stderr)
            return 2
        return transport.serve_tcp(server, host or "127.0.0.1", port_number)
    return transport.serve_stdio(server)  # not pygls's start_io: see lsp/transport.py
