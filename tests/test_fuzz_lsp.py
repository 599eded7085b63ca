"""Random sequences of edits sent to the real language server (stdio), checked against a client-side
model of the document.

Invariants: the server never dies (it still answers a hover at the end); every published
diagnostic lies inside the text of the version it was published for; versions never go back;
the last publish is for the latest version, and every diagnostic in it carries that version;
when the final text parses, the diagnostics are exactly those of a fresh `analyze()`.
"""
from __future__ import annotations

import asyncio
import contextlib
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from lsprotocol import types
from pytest_lsp.client import make_test_lsp_client

from fuzz_profiles import examples
from lsp_helpers import SERVER, start
from mpguard.config import Settings
from mpguard.linter.analyze import analyze
from mpguard.text.source import SourceText
from mpguard.linter.files import package_of, resolver_for
from mpguard.lsp import convert

SEED = '''import multiprocessing
import concurrent.futures


def make(k):
    def inner(x):
        return x + k
    return inner


def work(x):
    return x * 2


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(lambda x: x * 2, range(3)))
    p = multiprocessing.Process(target=make(3))
    p.start()
    with concurrent.futures.ProcessPoolExecutor() as ex:
        ex.submit(work, 1).result()
'''

FRAGMENTS = ["", "(", ")", ":", "\n", "    ", "\t", "x", "lambda x: x", "multiprocessing.Pool(2)", "def f(",
             "é", "😀", "\r\n", "\r", '"""', "'", "#", "if __name__ == '__main__':\n", "p.start()\n",
             "import multiprocessing\n", "\\", "ä😀b\n"]
LINE_BREAK = re.compile(r"\r\n|\r|\n")
TIMEOUT = 60.0  # a ceiling for a loaded machine, never a speed assertion


# --- the client's model of the document (LSP line breaks: \n, \r\n, \r only) ------------------------
def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in LINE_BREAK.finditer(text)]


def lsp_lines(text: str) -> list[str]:
    starts = line_starts(text)
    ends = starts[1:] + [len(text)]
    return [LINE_BREAK.sub("", text[a:b]) for a, b in zip(starts, ends)]


def utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def to_position(text: str, offset: int) -> types.Position:
    starts = line_starts(text)
    line = max(i for i, s in enumerate(starts) if s <= offset)
    return types.Position(line=line, character=utf16(text[starts[line]:offset]))


def snap(text: str, offset: int) -> int:
    """Never place an edit boundary between the \\r and \\n of a CRLF."""
    if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
        return offset + 1
    return offset


def inside(text: str, rng: types.Range) -> bool:
    lines = lsp_lines(text)

    def ok(pos: types.Position) -> bool:
        return 0 <= pos.line < len(lines) and 0 <= pos.character <= utf16(lines[pos.line])

    return ok(rng.start) and ok(rng.end) and (rng.start.line, rng.start.character) <= (rng.end.line, rng.end.character)


def expected_diagnostics(text: str, path: Path) -> list[tuple]:
    result = analyze(text, str(path), Settings(), resolver_for(path, path.parent), package_of(path)[0] or None)
    source = SourceText(text)
    out = []
    for f in result.findings:
        r = convert.to_lsp_range(source, f.start, f.end, "utf-16")
        out.append((f.code, r.start.line, r.start.character, r.end.line, r.end.character))
    return sorted(out), result.error is None


def as_tuples(diagnostics) -> list[tuple]:
    return sorted((d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
                  for d in diagnostics)


# --- a real server --------------------------------------------------------------------------------
@contextlib.asynccontextmanager
async def running_server(root: Path, **caps):
    client = make_test_lsp_client()

    @client.feature(types.WORKSPACE_APPLY_EDIT)
    def apply_edit(params):  # the fixAll command asks the client to apply its edit: decline
        return types.ApplyWorkspaceEditResult(applied=False)

    await client.start_io(*SERVER)
    published: list[types.PublishDiagnosticsParams] = []
    original = client.protocol.fm.features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def record(params):
        published.append(params)
        original(params)

    client.protocol.fm.features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = record
    client.published = published
    try:
        await asyncio.wait_for(start(client, root, **caps), TIMEOUT)
        yield client
    finally:
        server = client._server
        try:
            await asyncio.wait_for(client.shutdown_session(), 10)
        except Exception:
            pass
        if server is not None and server.returncode is None:
            server.kill()
            await server.wait()
        await client.stop()


def alive(client) -> bool:
    return client._server is not None and client._server.returncode is None


async def until(predicate, what: str, timeout: float = TIMEOUT):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def open_document(client, uri: str, text: str) -> None:
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)))


def send_edit(client, uri: str, version: int, text: str, start: int, end: int, new: str) -> str:
    rng = types.Range(start=to_position(text, start), end=to_position(text, end))
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangePartial(range=rng, text=new)]))
    return text[:start] + new + text[end:]


async def hover(client, uri: str, line: int = 0, character: int = 0):
    return await asyncio.wait_for(client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=types.Position(line=line, character=character))), TIMEOUT)


async def edit_sequence(client, path: Path, seed: str, edits, pull: bool):
    path.write_text("# on disk: not what the editor has\n")
    uri = path.as_uri()
    open_document(client, uri, seed)
    versions = {1: seed}
    text, version = seed, 1
    for start_frac, length, new, pause in edits:
        start = snap(text, int(start_frac * len(text)))
        end = snap(text, min(len(text), start + length))
        version += 1
        text = send_edit(client, uri, version, text, start, end, new)
        versions[version] = text
        if pause:
            await asyncio.sleep(0.01 * pause)
    assert alive(client), "the server died"
    await hover(client, uri)  # answered: the server is responsive
    if pull:
        report = await asyncio.wait_for(client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
            text_document=types.TextDocumentIdentifier(uri=uri))), TIMEOUT)
        final = report.items
    else:
        await until(lambda: any(p.uri == uri and p.version == version for p in client.published),
                    f"diagnostics for version {version}")
        mine = [p for p in client.published if p.uri == uri]
        seen = [p.version for p in mine]
        assert seen == sorted(seen), f"published versions went back: {seen}"
        for params in mine:
            for diag in params.diagnostics:
                assert inside(versions[params.version], diag.range), (params.version, diag.code, diag.range)
        final = mine[-1].diagnostics
    for diag in final:
        assert inside(text, diag.range), (diag.code, diag.range)
        assert diag.data["version"] == version
    wanted, parses = expected_diagnostics(text, path)
    if parses:  # with a syntax error the server keeps showing the last good findings instead
        assert as_tuples(final) == wanted
        await check_quick_fixes(client, uri, text, path, final)
    assert alive(client), "the server died"
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))


SEQUENCES_PER_SERVER = 40  # then a fresh server process: long-lived state is tested, and so are starts


class SharedServers:
    """The fuzzed sequences share server processes (one per diagnostics mode, push or pull), each
    sequence on a document of its own that it closes at the end: a server process per sequence made
    the deep profile's 2,000 sequences cost an hour of both cores, most of it starting servers. A
    sequence that fails takes its server down with it, so a failure is replayed against a fresh one."""

    def __init__(self, root: Path):
        self.root = root
        self.loop = asyncio.new_event_loop()
        self.servers: dict[bool, list] = {}  # pull -> [context manager, client, sequences served]
        self.sequences = 0

    def run(self, edits, pull: bool, seed: str = SEED) -> None:
        self.loop.run_until_complete(self._run(edits, pull, seed))

    async def _run(self, edits, pull: bool, seed: str) -> None:
        client = await self._client(pull)
        self.sequences += 1
        try:
            await edit_sequence(client, self.root / f"fuzzed{self.sequences}.py", seed, edits, pull)
        except BaseException:
            await self._stop(pull)
            raise

    async def _client(self, pull: bool):
        entry = self.servers.get(pull)
        if entry is not None and (entry[2] >= SEQUENCES_PER_SERVER or not alive(entry[1])):
            await self._stop(pull)
            entry = None
        if entry is None:
            manager = running_server(self.root, pull=pull)
            entry = self.servers[pull] = [manager, await manager.__aenter__(), 0]
        entry[2] += 1
        return entry[1]

    async def _stop(self, pull: bool) -> None:
        entry = self.servers.pop(pull, None)
        if entry is not None:
            with contextlib.suppress(Exception):
                await entry[0].__aexit__(None, None, None)

    def close(self) -> None:
        for pull in list(self.servers):
            self.loop.run_until_complete(self._stop(pull))
        self.loop.close()


@pytest.fixture(scope="module")
def shared_servers(tmp_path_factory):
    servers = SharedServers(tmp_path_factory.mktemp("fuzz-lsp"))
    yield servers
    servers.close()


async def check_quick_fixes(client, uri: str, text: str, path: Path, diagnostics) -> None:
    """Each diagnostic's quick fix (built on request, from the incrementally kept analysis) edits the
    text exactly as the fix of a fresh analysis of the final text does."""
    from lsp_helpers import apply_text_edits

    from mpguard.fixes.apply import apply_edits

    source = SourceText(text)
    result = analyze(text, str(path), Settings(), resolver_for(path, path.parent), package_of(path)[0] or None)
    fixes = {}
    for f in result.findings:
        r = convert.to_lsp_range(source, f.start, f.end, "utf-16")
        fixes[(f.code, r.start.line, r.start.character, r.end.line, r.end.character)] = f.fix
    for diag in diagnostics[:6]:
        actions = await asyncio.wait_for(client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=diag.range,
            context=types.CodeActionContext(diagnostics=[diag], only=[types.CodeActionKind.QuickFix]))), TIMEOUT)
        offered = [a for a in actions or [] if not a.title.startswith("Disable ")]
        expected = fixes[as_tuples([diag])[0]]
        assert [a.title for a in offered] == ([expected.message] if expected else []), diag.code
        for action in offered:
            if action.edit is None:
                action = await asyncio.wait_for(client.code_action_resolve_async(action), TIMEOUT)
            assert apply_text_edits(text, action.edit.changes[uri]) == apply_edits(text, expected.edits), diag.code


EDITS = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 12), st.sampled_from(FRAGMENTS), st.integers(0, 3)),
                 min_size=1, max_size=40)


@settings(max_examples=examples("lsp"), deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(edits=EDITS, pull=st.booleans())
def test_random_edit_sequences(shared_servers, edits, pull):
    shared_servers.run(edits, pull)


def test_edit_sequence_ending_in_a_syntax_error_then_fixed(shared_servers):
    edits = [(0.6, 0, "def broken(:\n", 0), (0.1, 3, "", 0), (0.6, 13, "", 1)]
    shared_servers.run(edits, False)  # a document of its own on the push server of the fuzzed sequences


def test_incremental_edits_after_a_form_feed(shared_servers):
    seed = "import multiprocessing\n\x0c\ndef work(x):  # \u2028 in a comment\n    return x\n" + SEED
    # Replace the `0` of `pool.map(lambda x: x * 2, ...)`'s line with a lambda-free call: MP201 goes away
    # only if the server edits the same place the client does.
    start = seed.index("lambda x: x * 2")
    edits = [(start / len(seed), len("lambda x: x * 2"), "work", 0)]
    shared_servers.run(edits, False, seed)
