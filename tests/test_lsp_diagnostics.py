"""Language server over stdio: diagnostics (push and pull), syntax errors mid-edit, close, bad input."""
from __future__ import annotations

import pytest_asyncio
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_helpers import (BLOG, SERVER, SHARED, codes, diagnostics_where, open_doc, replace_all, shared_server, start,
                         tidy, wait_for)
from mpguard.semantic import errors

BLOG_URI = BLOG.as_uri()
BLOG_TEXT = BLOG.read_text(encoding="utf-8")


# One server per mode (push, pull) for the tests that only open documents; bad options at initialize get a
# fresh one (lsp_helpers.shared_server).
push_server = shared_server()
pull_server = shared_server(pull=True)


@pytest_asyncio.fixture(loop_scope="module")
async def client(push_server):
    yield push_server
    await tidy(push_server)


@pytest_asyncio.fixture(loop_scope="module")
async def pulling(pull_server):
    yield pull_server
    await tidy(pull_server)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def fresh(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


@SHARED
async def test_blog_program_gets_mp201_on_line_26(client: LanguageClient):
    result = client.initialized_with
    assert result.server_info.name == "mpguard"
    open_doc(client, BLOG_URI, BLOG_TEXT)
    diags = await diagnostics_where(client, BLOG_URI, len)
    assert codes(diags) == [("MP201", 25)]
    diag = diags[0]
    assert diag.source == "mpguard"
    assert diag.severity == types.DiagnosticSeverity.Error
    assert diag.code_description.href.endswith("#mp201-unpicklable-callable")
    # the server quotes its interpreter's words (3.13: "Can't get local object", 3.14: a PicklingError)
    local = errors.text("local_function", qualname="test_closure.<locals>.test_b")
    assert errors.render(local, errors.running_version()) in diag.message
    lines = BLOG_TEXT.splitlines()
    assert lines[25][diag.range.start.character:] == "multiprocessing.Process(target=test_closure())"
    # the range runs on to the `b.start()` right after it, where the closure is pickled (context.started_next)
    assert diag.range.end.line == 26 and lines[26][:diag.range.end.character].strip() == "b.start()"
    assert diag.data["version"] == 1


@SHARED
async def test_syntax_error_mid_edit_keeps_last_diagnostics(client: LanguageClient):
    open_doc(client, BLOG_URI, BLOG_TEXT)
    await diagnostics_where(client, BLOG_URI, len)
    broken = BLOG_TEXT.replace("    b.start()", "    b.start(", 1)
    replace_all(client, BLOG_URI, broken, 2)
    replace_all(client, BLOG_URI, broken + "def (:\n", 3)
    # The server publishes for version 3 and still shows MP201 where it was; no crash.
    await wait_for(client, lambda: client.diagnostics.get(BLOG_URI) is not None and any(
        d.data and d.data.get("version") == 3 for d in client.diagnostics[BLOG_URI]), what="version 3")
    assert codes(client.diagnostics[BLOG_URI]) == [("MP201", 25)]
    stale = client.diagnostics[BLOG_URI][0]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=BLOG_URI), range=stale.range,
        context=types.CodeActionContext(diagnostics=[stale])))
    assert not [a.title for a in actions or [] if not a.title.startswith("Disable")]  # stale edits are never offered
    replace_all(client, BLOG_URI, BLOG_TEXT.replace("target=test_closure()", "target=test_a"), 4)
    await diagnostics_where(client, BLOG_URI, lambda d: len(d) == 0, "fixed program")


@SHARED
async def test_file_that_never_parsed_shows_mp001(client: LanguageClient):
    uri = (BLOG.parent / "broken.py").as_uri()
    open_doc(client, uri, "import multiprocessing\ndef f(:\n")
    diags = await diagnostics_where(client, uri, len)
    assert codes(diags) == [("MP001", 1)]


@SHARED
async def test_did_close_clears(client: LanguageClient):
    open_doc(client, BLOG_URI, BLOG_TEXT)
    await diagnostics_where(client, BLOG_URI, len)
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=BLOG_URI)))
    await diagnostics_where(client, BLOG_URI, lambda d: len(d) == 0, "cleared diagnostics")


@SHARED
async def test_bursts_of_changes_publish_in_order_and_end_with_the_latest_version(client: LanguageClient):
    """Re-checking an edit takes about a millisecond here, so the server may keep up with every change;
    coalescing under a real backlog is checked by the 1,000-change storm (test_lsp_storm.py)."""
    open_doc(client, BLOG_URI, BLOG_TEXT)
    await diagnostics_where(client, BLOG_URI, len)
    published = []
    original = client.protocol.fm.features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def record(params):
        published.append(params.version)
        original(params)

    client.protocol.fm.features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record
    try:
        for version in range(2, 42):
            text = BLOG_TEXT + f"\n# edit {version}\n"
            replace_all(client, BLOG_URI, text, version)
        await wait_for(client, lambda: 41 in published, what="version 41")
    finally:  # the server goes on serving the module's other tests
        client.protocol.fm.features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = original
    assert published == sorted(published) and published[-1] == 41  # never going back


async def test_bad_input_never_crashes(fresh: LanguageClient):
    client = fresh
    await start(client, options={"targets": ["plan9"], "severity": 3, "bogus": True})
    uri = (BLOG.parent / "nul.py").as_uri()
    open_doc(client, uri, "import multiprocessing\nx = '\0'\n")
    diags = await diagnostics_where(client, uri, len)
    assert codes(diags) == [("MP002", 1)]
    huge = "import multiprocessing\n" + "x = [1, 2, 3]\n" * 200_000
    replace_all(client, uri, huge, 2)
    await wait_for(client, lambda: any("not analysed" in m.message for m in client.log_messages), what="log")
    replace_all(client, uri, BLOG_TEXT, 3)
    diags = await diagnostics_where(client, uri, lambda d: codes(d) == [("MP201", 25)], "blog diagnostics")
    messages = " ".join(m.message for m in client.messages)
    assert "plan9" in messages and "bogus" in messages and "severity" in messages


@SHARED
async def test_pull_diagnostics(pulling: LanguageClient):
    client, result = pulling, pulling.initialized_with
    assert result.capabilities.diagnostic_provider is not None
    open_doc(client, BLOG_URI, BLOG_TEXT)
    report = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=BLOG_URI)))
    assert codes(report.items) == [("MP201", 25)]
    again = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=BLOG_URI), previous_result_id=report.result_id))
    assert again.kind == "unchanged"
    replace_all(client, BLOG_URI, BLOG_TEXT.replace("target=test_closure()", "target=test_a"), 2)
    fixed = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=BLOG_URI), previous_result_id=report.result_id))
    assert fixed.kind == "full" and len(fixed.items) == 0
    assert BLOG_URI not in client.diagnostics  # nothing pushed to a pulling client


@SHARED
async def test_document_above_the_size_limit_is_reported_once(client: LanguageClient):
    from mpguard.lsp.analysis import MAX_CHARS

    uri = BLOG.with_name("too_large.py").as_uri()
    text = "x = 1\n" * (MAX_CHARS // 6 + 10)
    open_doc(client, uri, text)
    await wait_for(client, lambda: uri in client.diagnostics, what="an (empty) publish")
    replace_all(client, uri, text + "y = 2\n", 2)
    await wait_for(client, lambda: sum("not analysed" in m.message for m in client.log_messages) >= 2,
                   what="a log message per version")
    assert not client.diagnostics[uri]
    told = [m for m in client.messages if "not analysed" in m.message]
    assert len(told) == 1 and "too_large.py" in told[0].message and f"{MAX_CHARS:,}" in told[0].message


@SHARED
async def test_protocol_misuse_never_crashes(client: LanguageClient):
    """Changes to documents never opened or already closed, ranges past the end or backwards, versions
    that go back, requests about unknown documents: each is ignored or answered, and the server goes
    on with the real document."""
    ghost = (BLOG.parent / "ghost.py").as_uri()
    far = types.Position(line=10_000, character=500)
    start_of = types.Position(line=0, character=0)

    def change(uri, version, rng, text):
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=rng, text=text)]))

    change(ghost, 2, types.Range(start=start_of, end=start_of), "x = 1\n")  # never opened
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=ghost)))
    assert await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=ghost), position=start_of)) is None
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=ghost), range=types.Range(start=start_of, end=far),
        context=types.CodeActionContext(diagnostics=[])))
    assert not actions

    open_doc(client, BLOG_URI, BLOG_TEXT)
    await diagnostics_where(client, BLOG_URI, lambda d: codes(d) == [("MP201", 25)])
    change(BLOG_URI, 2, types.Range(start=far, end=far), "\n# appended past the end\n")  # clamped to the end
    change(BLOG_URI, 3, types.Range(start=types.Position(line=3, character=0), end=start_of), "")  # backwards
    change(BLOG_URI, 1, types.Range(start=start_of, end=start_of), "")  # an older version
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=BLOG_URI), range=types.Range(start=far, end=far),
        context=types.CodeActionContext(diagnostics=[])))
    replace_all(client, BLOG_URI, BLOG_TEXT, 4)
    diags = await diagnostics_where(client, BLOG_URI, lambda d: codes(d) == [("MP201", 25)] and
                                    all(x.data["version"] == 4 for x in d), "diagnostics of version 4")
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=BLOG_URI), position=diags[0].range.start))
    assert hover is not None and "MP201" in hover.contents.value
    assert not [m.message for m in client.messages if m.type == types.MessageType.Error]


@SHARED
async def test_pull_requests_about_unknown_documents_and_reopened_ones(pulling: LanguageClient):
    client = pulling
    ghost = (BLOG.parent / "ghost.py").as_uri()
    report = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=ghost)))
    assert list(report.items) == []
    open_doc(client, BLOG_URI, "import multiprocessing\n")
    open_doc(client, BLOG_URI, BLOG_TEXT, version=7)  # opened again without a close: the new text wins
    report = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=BLOG_URI)))
    assert codes(report.items) == [("MP201", 25)]
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=BLOG_URI), position=types.Position(line=99_999, character=3)))
    assert hover is None
    assert not [m.message for m in client.messages if m.type == types.MessageType.Error]
