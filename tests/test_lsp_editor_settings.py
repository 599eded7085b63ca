"""The editor settings ruff's extension has, on the server side: lint.run = onSave, the code-action
toggles, fixAll, enable, configurationPreference, logFile, and the debug report."""
from __future__ import annotations

import asyncio

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_helpers import BLOG, SERVER, diagnostics_where, open_doc, replace_all, start

from mpguard.config import EditorOptions, editor_options, resolve

BLOG_URI = BLOG.as_uri()
BLOG_TEXT = BLOG.read_text(encoding="utf-8")
CLEAN = "import multiprocessing\n\n\ndef work(x):\n    return x\n"
ROW = types.Range(start=types.Position(line=25, character=0), end=types.Position(line=25, character=0))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


def actions(client, only=None):
    return client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=BLOG_URI), range=ROW,
        context=types.CodeActionContext(diagnostics=[], only=only)))


async def published_versions(client, uri, wait: float) -> list:
    """The versions of the diagnostics published for `uri` during `wait` seconds (counting, not timing:
    the assertion is about which versions appear, never about how fast)."""
    seen = []
    loop = asyncio.get_running_loop()
    end = loop.time() + wait
    while loop.time() < end:
        try:
            params = await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS),
                                            end - loop.time())
        except asyncio.TimeoutError:
            break
        if params.uri == uri:
            seen.append(params.version)
    return seen


async def test_lint_run_on_save_publishes_only_on_save(client: LanguageClient):
    await start(client, options={"lint": {"run": "onSave"}})
    open_doc(client, BLOG_URI, BLOG_TEXT)
    await diagnostics_where(client, BLOG_URI, lambda d: [x.code for x in d] == ["MP201"], "MP201 on open")
    replace_all(client, BLOG_URI, CLEAN, 2)
    # A hover analyses the edited text (requests read the document as it is) ...
    await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=BLOG_URI), position=types.Position(line=0, character=3)))
    # ... yet nothing is published for the edit: the squiggle stays until the save.
    assert 2 not in await published_versions(client, BLOG_URI, 1.5)
    assert [x.code for x in client.diagnostics[BLOG_URI]] == ["MP201"]
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=BLOG_URI)))
    await diagnostics_where(client, BLOG_URI, lambda d: len(d) == 0, "cleared on save")


async def test_lint_run_on_save_in_pull_mode_answers_the_saved_report(client: LanguageClient):
    await start(client, pull=True, options={"lint": {"run": "onSave"}})
    open_doc(client, BLOG_URI, BLOG_TEXT)

    async def pull(previous=None):
        return await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
            text_document=types.TextDocumentIdentifier(uri=BLOG_URI), previous_result_id=previous))

    first = await pull()
    assert [d.code for d in first.items] == ["MP201"]
    replace_all(client, BLOG_URI, CLEAN, 2)
    held = await pull(first.result_id)
    assert held.kind == "unchanged" and held.result_id == first.result_id
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=BLOG_URI)))
    after = await pull(first.result_id)
    assert after.kind == "full" and len(after.items) == 0


@pytest.mark.parametrize("options, expected", [
    ({}, {"quickfix", "noqa", "fixall"}),
    ({"codeAction": {"fixViolation": {"enable": False}}}, {"noqa", "fixall"}),
    ({"codeAction": {"disableRuleComment": {"enable": False}}}, {"quickfix", "fixall"}),
    ({"fixAll": False}, {"quickfix", "noqa"}),
    ({"enable": False}, set()),
])
async def test_code_action_toggles(client: LanguageClient, options, expected):
    await start(client, options=options)
    open_doc(client, BLOG_URI, BLOG_TEXT)
    found = await actions(client)

    def kind(action):
        if action.kind == "source.fixAll.mpguard":
            return "fixall"
        return "noqa" if action.title.startswith("Disable MP201") else "quickfix"

    assert {kind(a) for a in found or []} == expected


async def test_disabled_server_publishes_nothing_and_shows_no_hover(client: LanguageClient):
    await start(client, options={"enable": False})
    open_doc(client, BLOG_URI, BLOG_TEXT)
    await diagnostics_where(client, BLOG_URI, lambda d: len(d) == 0, "an empty publication")
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=BLOG_URI), position=types.Position(line=25, character=12)))
    assert hover is None


async def test_debug_info_and_log_file(client: LanguageClient, tmp_path):
    log_file = tmp_path / "server.log"
    await start(client, options={"logLevel": "debug", "logFile": str(log_file), "targets": ["linux"]})
    open_doc(client, BLOG_URI, BLOG_TEXT)
    text = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="mpguard.debugInfo", arguments=[BLOG_URI]))
    assert text.startswith("mpguard ") and "pygls" in text and "lint_run='onType'" in text
    assert 'targets = ["linux"]' in text and str(BLOG) in text
    assert f"logs to {log_file} (level debug)" in log_file.read_text()


def test_editor_options_parse_nested_and_dotted_and_reject_bad_values():
    options, problems = editor_options({"lint": {"run": "onSave"}, "configurationPreference": "editorOnly",
                                        "codeAction.fixViolation.enable": False, "fixAll": "yes",
                                        "logLevel": "loud"})
    assert options == EditorOptions(lint_run="onSave", configuration_preference="editorOnly", fix_violation=False)
    assert len(problems) == 2 and any("fixAll" in p for p in problems) and any("logLevel" in p for p in problems)
    assert editor_options(None) == (EditorOptions(), [])


@pytest.mark.parametrize("preference, expected", [
    ("editorFirst", ("MP3",)), ("filesystemFirst", ("MP2",)), ("editorOnly", ("MP3",)),
])
def test_configuration_preference(tmp_path, preference, expected):
    (tmp_path / "pyproject.toml").write_text('[tool.mpguard]\nselect = ["MP2"]\nignore = ["MP209"]\n')
    script = tmp_path / "a.py"
    script.write_text("")
    resolved = resolve(str(script), [({"select": ["MP3"]}, "editor", tmp_path)], preference=preference)
    assert resolved.settings.select == expected
    # The file's other keys still apply, except when the editor's settings are the only ones read.
    assert resolved.settings.ignore == (() if preference == "editorOnly" else ("MP209",))


async def test_explain_command_names_the_rule_and_the_site(client: LanguageClient):
    from test_explain import TRACEBACK_314

    await start(client)
    answer = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="mpguard.explain", arguments=[TRACEBACK_314.format(path="/elsewhere/examples/blog_closure_target.py")]))
    assert answer["code"] == "MP201" and answer["docs"].startswith("# MP201 unpicklable-callable")
    site = answer["sites"][0]
    assert site["uri"] == BLOG_URI and site["range"]["start"] == {"line": 25, "character": 8}
    assert site["fix"] and site["how"] == "finding"
    unknown = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="mpguard.explain", arguments=["KeyError: 'x'"]))
    assert unknown["code"] is None


async def test_diagnostics_carry_related_information_to_where_the_value_was_made(client: LanguageClient, tmp_path):
    path = tmp_path / "rel.py"
    text = ("import multiprocessing\n\n\ndef start(fn):\n    p = multiprocessing.Process(target=fn)\n    p.start()\n"
            "    return p\n\n\nif __name__ == \"__main__\":\n    start(lambda: 1).join()\n")
    path.write_text(text)
    await start(client, root=tmp_path)
    open_doc(client, path.as_uri(), text)
    diags = await diagnostics_where(client, path.as_uri(), len, "MP201")
    related = diags[0].related_information
    assert diags[0].code == "MP201" and diags[0].range.start.line == 4
    assert related and related[0].location.uri == path.as_uri() and related[0].location.range.start.line == 10
    assert "`fn` is given here" in related[0].message
