"""publishDiagnostics without re-encoding what did not change.

After an edit, most findings of a large module are the very objects the previous analysis
published (`mpguard.linter.incremental` keeps them). Converting and serialising 1,400 diagnostics
costs ~75 ms in Python, far more than re-checking the edit, so each diagnostic's JSON text is kept
per document and reused while its finding (the very object), the position encoding and the
staleness are the same. The core hands back the same object only for a finding whose rows the edit
did not change. Only the document version inside `data` changes between publications: it is
spliced in.
"""
from __future__ import annotations

import asyncio
import inspect
import json
import logging

from lsprotocol.converters import get_converter

from mpguard.lsp import convert

log = logging.getLogger(__name__)
_SENTINEL = "\u0000version\u0000"
_VERSION_SLOT = json.dumps(_SENTINEL)
_CONVERTER = get_converter()


class DiagnosticsWire:
    def __init__(self):
        self._cache: dict[str, dict[int, tuple]] = {}  # uri -> id(finding) -> (finding, key, head, tail)

    def forget(self, uri: str) -> None:
        self._cache.pop(uri, None)

    def params_json(self, uri: str, outcome, encoding: str) -> str:
        """The JSON text of PublishDiagnosticsParams for the outcome."""
        source, version, stale = outcome.source, outcome.job.version, outcome.stale
        previous, current = self._cache.get(uri, {}), {}
        number = json.dumps(version)
        key = (encoding, stale)
        parts = []
        for finding in outcome.findings:
            entry = previous.get(id(finding))
            if entry is None or entry[0] is not finding or entry[1] != key:
                entry = (finding, key, *_encode(source, finding, encoding, stale, uri))
            current[id(finding)] = entry
            parts.append(entry[2] + number + entry[3])
        self._cache[uri] = current
        body = ",".join(parts)
        return f'{{"uri":{json.dumps(uri)},"version":{number},"diagnostics":[{body}]}}'


def _encode(source, finding, encoding: str, stale: bool, uri: str | None = None) -> tuple[str, str]:
    diagnostic = convert.diagnostic(source, finding, encoding, None, with_fix=not stale, uri=uri)
    data = _CONVERTER.unstructure(diagnostic)
    data["data"]["version"] = _SENTINEL
    text = json.dumps(data, separators=(",", ":"))
    head, _, tail = text.partition(_VERSION_SLOT)
    return head, tail


def send_notification(protocol, method: str, params_json: str) -> bool:
    """Write a notification whose params are JSON text already (pygls would encode them again).
    False when the protocol has no writer we know how to use: the caller sends it the usual way."""
    return write_message(protocol, f'{{"jsonrpc":"2.0","method":{json.dumps(method)},"params":{params_json}}}')


def send_result(protocol, msg_id, result_json: str) -> bool:
    """Write the response to request `msg_id` whose result is JSON text already (see `encode`)."""
    return write_message(protocol, f'{{"jsonrpc":"2.0","id":{json.dumps(msg_id)},"result":{result_json}}}')


def encode(value) -> str:
    """lsprotocol objects as JSON text: run on a worker, a large result (thousands of code actions) is
    not converted on the event loop (cattrs takes ~0.5 s for 5,000 actions, blocking every other request)."""
    return json.dumps(_CONVERTER.unstructure(value), separators=(",", ":"))


def write_message(protocol, body: str) -> bool:
    writer = getattr(protocol, "writer", None)
    if writer is None or not hasattr(writer, "write"):
        return False
    if getattr(protocol, "_include_headers", True):
        body = (f"Content-Length: {len(body.encode('utf-8'))}\r\n"
                f"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{body}")
    try:
        result = writer.write(body.encode("utf-8"))
        if inspect.isawaitable(result):
            asyncio.ensure_future(result)
    except BrokenPipeError:
        raise
    except Exception:  # an unexpected transport: let pygls send it
        log.exception("sending a message failed")
        return False
    return True
