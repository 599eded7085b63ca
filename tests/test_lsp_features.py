"""Language server over stdio: hover, code actions, commands, configuration, positions, cross-file."""
from __future__ import annotations

from typing import Union

import pytest
import pytest_asyncio
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from lsp_helpers import (BLOG, SERVER, SHARED, apply_text_edits, codes, diagnostics_where, edit, open_doc,
                         shared_server, start, tidy)

BLOG_URI = BLOG.as_uri()
BLOG_TEXT = BLOG.read_text(encoding="utf-8")
FLAGGED = BLOG_TEXT.splitlines()[25].index("multiprocessing.Process")


# One server for the tests that only open documents and ask about them (lsp_helpers.shared_server); the tests of
# settings, capabilities or a workspace given at initialize, or of a configuration change, get a fresh one.
default_server = shared_server()


@pytest_asyncio.fixture(loop_scope="module")
async def client(default_server):
    yield default_server
    await tidy(default_server)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def fresh(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def opened(client: LanguageClient, uri=BLOG_URI, text=BLOG_TEXT):
    open_doc(client, uri, text)
    return await diagnostics_where(client, uri, len)


def hover_at(client, uri, line, character):
    return client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character)))


def actions_at(client, uri, rng, diagnostics=(), only=None):
    return client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=rng,
        context=types.CodeActionContext(diagnostics=list(diagnostics), only=only)))


@SHARED
async def test_hover_shows_the_platform_table(client: LanguageClient):
    await opened(client)
    hover = await hover_at(client, BLOG_URI, 25, FLAGGED + 3)
    text = hover.contents.value
    assert hover.contents.kind == types.MarkupKind.Markdown
    rows = [(line.split("|")[1].strip(), line) for line in text.splitlines() if line.startswith("| ")]
    # one row per run of Python versions printing the same words: 3.10-3.11 first (the repository's
    # requires-python is >=3.10, and the workspace is the repository)
    windows = [v for k, v in rows if "Windows" in k]
    linux_old = next(v for k, v in rows if "up to 3.13" in k)
    assert "| 3.10–3.11 |" in windows[0] and "fails: `AttributeError: Can't pickle local object" in windows[0]
    assert "fails: `_pickle.PicklingError: Can't pickle local object <function" in windows[-1]
    assert linux_old.rstrip(" |").endswith("works")
    assert "(this machine)" in text and "MP201" in text
    assert hover.range.start == types.Position(line=25, character=FLAGGED)


@SHARED
async def test_hover_on_api_names_without_a_finding(client: LanguageClient):
    await opened(client)
    line = BLOG_TEXT.splitlines()[22]  # a = multiprocessing.Process(target=test_a)
    hover = await hover_at(client, BLOG_URI, 22, line.index("Process") + 2)
    assert "multiprocessing.Process" in hover.contents.value
    assert "| Windows | spawn |" in hover.contents.value and "pickled" in hover.contents.value
    assert await hover_at(client, BLOG_URI, 9, 1) is None  # blank line / nothing to say


@SHARED
async def test_quick_fix_makes_the_diagnostic_go_away(client: LanguageClient):
    diags = await opened(client)
    actions = await actions_at(client, BLOG_URI, diags[0].range, diags, [types.CodeActionKind.QuickFix])
    titles = [a.title for a in actions]
    assert "Disable MP201 for this line" in titles
    fixes = [a for a in actions if a.title != "Disable MP201 for this line"]
    if not fixes:
        pytest.skip("the core has no fix for MP201 yet")
    fix = fixes[0]
    assert fix.kind == types.CodeActionKind.QuickFix and fix.diagnostics[0].code == "MP201"
    edits = fix.edit.changes[BLOG_URI]
    edit(client, BLOG_URI, 2, edits)
    await diagnostics_where(client, BLOG_URI, lambda d: "MP201" not in [x.code for x in d], "MP201 gone")
    assert "MP201" not in [d.code for d in await diagnostics_where(client, BLOG_URI, lambda d: True)]


@SHARED
async def test_actions_without_context_diagnostics_and_noqa(client: LanguageClient):
    await opened(client)
    rng = types.Range(start=types.Position(line=25, character=0), end=types.Position(line=25, character=0))
    actions = await actions_at(client, BLOG_URI, rng)  # no diagnostics sent: recomputed from the document
    noqa = next(a for a in actions if a.title == "Disable MP201 for this line")
    assert any(a.kind == "source.fixAll.mpguard" for a in actions) == any(a.is_preferred for a in actions)
    text = apply_text_edits(BLOG_TEXT, noqa.edit.changes[BLOG_URI])
    assert text.splitlines()[25].endswith("test_closure())  # noqa: MP201")
    edit(client, BLOG_URI, 2, noqa.edit.changes[BLOG_URI])
    await diagnostics_where(client, BLOG_URI, lambda d: len(d) == 0, "suppressed by noqa")


def test_noqa_extends_an_existing_comment():
    from mpguard.text.source import SourceText
    from mpguard.lsp.actions import noqa_edit

    source = SourceText("x = f()  # noqa: MP101\ny = 1\n")
    pos, content = noqa_edit(source, "MP201", 1, 1)
    assert (pos.row, pos.column, content) == (1, 22, ", MP201")
    assert noqa_edit(source, "MP101", 1, 1) is None


@SHARED
async def test_fix_all_action_and_command(client: LanguageClient):
    diags = await opened(client)
    actions = await actions_at(client, BLOG_URI, diags[0].range, only=["source.fixAll"])
    assert [a.kind for a in actions] == ["source.fixAll.mpguard"]
    resolved = await client.code_action_resolve_async(actions[0])
    fixed = apply_text_edits(BLOG_TEXT, resolved.edit.changes[BLOG_URI])
    assert "def test_b" in fixed and fixed != BLOG_TEXT
    applied = []

    @client.feature(types.WORKSPACE_APPLY_EDIT)
    def apply(params: types.ApplyWorkspaceEditParams):
        applied.append(params.edit)
        return types.ApplyWorkspaceEditResult(applied=True)

    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="mpguard.fixAll", arguments=[BLOG_URI]))
    assert result["applied"] is True
    assert apply_text_edits(BLOG_TEXT, applied[0].changes[BLOG_URI]) == fixed
    edit(client, BLOG_URI, 2, applied[0].changes[BLOG_URI])
    await diagnostics_where(client, BLOG_URI, lambda d: len(d) == 0, "fixed by fix-all")


@SHARED
async def test_show_rule_command(client: LanguageClient):
    text = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="mpguard.showRule", arguments=["MP201"]))
    assert text.startswith("# MP201 unpicklable-callable")


async def test_configuration_change_republishes(fresh: LanguageClient):
    client = fresh
    await start(client)
    await opened(client)
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"mpguard": {"targets": ["linux"], "pythonVersion": "3.12"}}))
    await diagnostics_where(client, BLOG_URI, lambda d: len(d) == 0, "no spawn-only finding on Linux 3.12")
    # An empty payload: the server pulls workspace/configuration.
    client.set_configuration({"targets": ["windows"]}, section="mpguard")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    await diagnostics_where(client, BLOG_URI, lambda d: codes(d) == [("MP201", 25)], "back on Windows")


async def test_initialization_options_and_severity(fresh: LanguageClient):
    client = fresh
    await start(client, options={"settings": {"severity": {"MP201": "hint"}}})
    open_doc(client, BLOG_URI, BLOG_TEXT)
    diags = await diagnostics_where(client, BLOG_URI, len)
    assert diags[0].severity == types.DiagnosticSeverity.Hint


def units(text: str, encoding: str) -> int:
    return len(text.encode(encoding.replace("utf-16", "utf-16-le").replace("utf-32", "utf-32-le"))) // {
        "utf-8": 1, "utf-16": 2, "utf-32": 4}[encoding]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8", "utf-32"])
async def test_positions_with_emoji_crlf_tabs_and_non_ascii(fresh: LanguageClient, encoding):
    client = fresh
    result = await start(client, encodings=[encoding])
    assert result.capabilities.position_encoding == encoding
    prefix = "import multiprocessing\r\nnom_été = '🐍🐍'\r\n\r\ndef fabrique():\r\n\tdef tâche():\r\n\t\tpass\r\n\treturn tâche\r\n"
    line = "\ts = '🐍é'; p = multiprocessing.Process(target=fabrique())  # ünïcode 🐍"
    # (a statement between: a `p.start()` right after would extend the range to it, context.started_next)
    text = prefix + "\r\nif __name__ == '__main__':\r\n" + line + "\r\n\tprint(s)\r\n\tp.start()\r\n"
    uri = (BLOG.parent / "unicode.py").as_uri()
    open_doc(client, uri, text)
    diag = (await diagnostics_where(client, uri, len))[0]
    start_col, end_col = line.index("multiprocessing"), line.index("  #")
    assert diag.range.start == types.Position(line=9, character=units(line[:start_col], encoding))
    assert diag.range.end == types.Position(line=9, character=units(line[:end_col], encoding))
    inside = line.index("fabrique")
    hover = await hover_at(client, uri, 9, units(line[:inside], encoding))
    assert "MP201" in hover.contents.value and hover.range == diag.range
    assert await hover_at(client, uri, 9, units(line[:line.index("ünï")], encoding)) is None  # the comment
    noqa = next(a for a in await actions_at(client, uri, diag.range, [diag]) if a.title.startswith("Disable"))
    new_text = noqa.edit.changes[uri][0]
    assert new_text.range.start.character == units(line, encoding) and new_text.new_text == "  # noqa: MP201"


async def test_change_to_an_imported_module_rechecks_the_script(fresh: LanguageClient, tmp_path):
    client = fresh
    (tmp_path / "helpers.py").write_text("def work():\n    pass\n", encoding="utf-8")
    script = "import multiprocessing\nfrom helpers import work\n\nif __name__ == '__main__':\n" \
             "    multiprocessing.Process(target=work).start()\n"
    await start(client, root=tmp_path)
    script_uri, helpers_uri = (tmp_path / "main.py").as_uri(), (tmp_path / "helpers.py").as_uri()
    open_doc(client, script_uri, script)
    open_doc(client, helpers_uri, "def work():\n    pass\n")
    await diagnostics_where(client, script_uri, lambda d: len(d) == 0, "clean script")
    edit(client, helpers_uri, 2, [types.TextEdit(range=types.Range(  # unsaved: read from the buffer
        start=types.Position(line=0, character=0), end=types.Position(line=2, character=0)),
        new_text="work = lambda: None\n")])
    diags = await diagnostics_where(client, script_uri, len, "script re-checked after helpers changed")
    assert [d.code for d in diags] == ["MP201"]


async def test_fix_all_without_resolve_support(fresh: LanguageClient):
    """Ordinary requests offer fix-all as the `mpguard.fixAll` command (no re-analysis per request);
    asking for source.fixAll (as on-save fixing does) gets the edit itself."""
    client = fresh
    await start(client, resolve=False)
    diags = await opened(client)
    # lsprotocol's hook reads any item with a "command" key as a Command; the spec (and VS Code, Neovim,
    # eglot) tell them apart by `command` being a string. Use the spec's rule on this client.
    client.protocol._converter.register_structure_hook(
        Union[types.Command, types.CodeAction],
        lambda obj, _: client.protocol._converter.structure(
            obj, types.Command if isinstance(obj.get("command"), str) else types.CodeAction))
    actions = await actions_at(client, BLOG_URI, diags[0].range, diags)
    fix_all = next(a for a in actions if a.kind == "source.fixAll.mpguard")
    assert fix_all.edit is None and fix_all.command.command == "mpguard.fixAll"
    assert list(fix_all.command.arguments) == [BLOG_URI]
    eager = await actions_at(client, BLOG_URI, diags[0].range, only=["source.fixAll"])
    assert [a.kind for a in eager] == ["source.fixAll.mpguard"]
    fixed = apply_text_edits(BLOG_TEXT, eager[0].edit.changes[BLOG_URI])
    assert "def test_b" in fixed and fixed != BLOG_TEXT
    applied = []

    @client.feature(types.WORKSPACE_APPLY_EDIT)
    def apply(params: types.ApplyWorkspaceEditParams):
        applied.append(params.edit)
        return types.ApplyWorkspaceEditResult(applied=True)

    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=fix_all.command.command, arguments=list(fix_all.command.arguments)))
    assert result["applied"] is True
    assert apply_text_edits(BLOG_TEXT, applied[0].changes[BLOG_URI]) == fixed


@SHARED
async def test_text_starting_with_a_bom_character(client: LanguageClient):
    """A client may send U+FEFF as the first character: no MP001, and columns on the first line
    count it like the client does."""
    text = "\ufeffimport multiprocessing; multiprocessing.Pool().map(lambda x: x, [1])\n"
    uri = BLOG.with_name("bom_first.py").as_uri()
    open_doc(client, uri, text)
    diags = await diagnostics_where(client, uri, len)
    assert "MP001" not in {d.code for d in diags}
    line = text.splitlines()[0]
    spans = {line[d.range.start.character:d.range.end.character] for d in diags if d.range.start.line == 0}
    assert "multiprocessing.Pool().map(lambda x: x, [1])" in spans


def test_noqa_is_validated_on_the_statement_only():
    from mpguard.text.source import SourceText
    from mpguard.lsp.actions import noqa_edit, top_level_span

    text = "import os\n\n\ndef f():\n    x = g(\n        1)\n    return x\nelse_ = 1\n\nclass A:\n    pass\n"
    source = SourceText(text)
    start, end = top_level_span(source, 5)
    assert text[start:end].startswith("def f():") and text[start:end].endswith("return x\n")
    assert noqa_edit(source, "MP201", 5, 6)[1] == "  # noqa: MP201"
    continued = SourceText("x = 1 + \\\n    2 + \\\n    3\n")
    assert noqa_edit(continued, "MP201", 1, 2) is None  # would comment out a line continuation
    in_string = SourceText('x = """\nimport os\n"""\ny = f(1)\n')
    assert noqa_edit(in_string, "MP201", 4, 4)[1] == "  # noqa: MP201"
