"""1,000 didChange notifications in quick succession (typing into a 2,000-line file), against the real
server over stdio: it stays responsive (a hover sent mid-storm is answered), it never publishes an
older version after a newer one, and its final diagnostics equal a fresh `analyze()` of the final text.
No timing is asserted; timeouts are generous and only guard against hangs.
"""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from lsprotocol import types
from pygls.exceptions import JsonRpcContentModified

from mpguard.linter.analyze import analyze
from test_fuzz_lsp import (TIMEOUT, alive, as_tuples, expected_diagnostics, inside, open_document, running_server,
                           send_edit, until)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import generate  # noqa: E402

TYPED = '''

def added_{n}(x):
    with mp.Pool(2) as pool:
        return pool.map(lambda y: y + {n}, x)
'''
STORM = 1_000


def typed_text(count: int) -> str:
    out, n = "", 0
    while len(out) < count:
        out += TYPED.format(n=n)
        n += 1
    return out[:count]


async def storm(root: Path, pull: bool) -> None:
    path = root / "stormy.py"
    seed = generate(2_000)
    path.write_text(seed)
    uri = path.as_uri()
    # Type 1,000 characters, one didChange each, at the end of the file; finish on a complete statement.
    typing = typed_text(STORM)
    typing = typing[:typing.rindex(", x)\n") + len(", x)\n")]
    typing += "#" * (STORM - len(typing))
    async with running_server(root, pull=pull) as client:
        open_document(client, uri, seed)
        text, version, pending_hover = seed, 1, None
        for index, char in enumerate(typing):
            version += 1
            text = send_edit(client, uri, version, text, len(text), len(text), char)
            if index == STORM // 2:
                pending_hover = asyncio.ensure_future(client.text_document_hover_async(types.HoverParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    position=types.Position(line=seed.count("\n") // 2, character=4))))
            if index % 100 == 0:
                await asyncio.sleep(0)  # let the client flush its writes, as an editor would
        assert version == STORM + 1
        try:  # answered: a result (its content may be None), or ContentModified (the text moved on meanwhile)
            await asyncio.wait_for(pending_hover, TIMEOUT * 2)
        except JsonRpcContentModified:
            pass
        if pull:
            report = await asyncio.wait_for(client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
                text_document=types.TextDocumentIdentifier(uri=uri))), TIMEOUT * 2)
            final = report.items
        else:
            await until(lambda: any(p.uri == uri and p.version == version for p in client.published),
                        f"diagnostics for version {version}", TIMEOUT * 2)
            seen = [p.version for p in client.published if p.uri == uri]
            assert seen == sorted(seen), "an older version was published after a newer one"
            assert len(seen) < STORM, "every change was analysed and published: no coalescing"
            final = client.published[-1].diagnostics
        wanted, parses = expected_diagnostics(text, path)
        assert parses, analyze(text).error
        assert all(inside(text, d.range) and d.data["version"] == version for d in final)
        assert as_tuples(final) == wanted
        assert any(code == "MP201" and line >= seed.count("\n") for code, line, *_ in wanted)  # the typed lambda
        assert alive(client)


def test_storm_of_changes_push(tmp_path):
    asyncio.run(storm(tmp_path, pull=False))


def test_storm_of_changes_pull(tmp_path):
    asyncio.run(storm(tmp_path, pull=True))
