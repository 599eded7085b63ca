"""publishDiagnostics params as JSON text (lsp/wire.py): the same JSON pygls would send, cached per finding."""
from __future__ import annotations

import json
from dataclasses import replace

from lsprotocol import types
from lsprotocol.converters import get_converter

from mpguard.config import Settings
from mpguard.lsp import analysis, convert, wire

TEXT = ("import multiprocessing as mp\n\n\ndef main():\n    s = 'é😀'; mp.Pool().map(lambda x: x, [1])\n"
        "    mp.Process(target=lambda: None).start()\n\n\nmain()\n")


def outcome(text=TEXT, version=1):
    return analysis.run(analysis.Job("file:///w.py", version, text, None, None, Settings(), 0))


def pygls_json(out, encoding):
    params = types.PublishDiagnosticsParams(uri=out.job.uri, version=out.job.version, diagnostics=[
        convert.diagnostic(out.source, f, encoding, out.job.version, not out.stale) for f in out.findings])
    return get_converter().unstructure(params)


def test_the_json_is_what_pygls_would_send():
    out = outcome()
    assert len(out.findings) >= 3
    for encoding in ("utf-16", "utf-8", "utf-32"):
        assert json.loads(wire.DiagnosticsWire().params_json(out.job.uri, out, encoding)) == pygls_json(out, encoding)


def test_a_new_version_reuses_the_encoded_diagnostics_and_changes_only_the_version():
    cache = wire.DiagnosticsWire()
    first = outcome()
    cache.params_json(first.job.uri, first, "utf-16")
    encoded = dict(cache._cache[first.job.uri])
    second = replace(first, job=replace(first.job, version=7))  # the same finding objects
    sent = json.loads(cache.params_json(second.job.uri, second, "utf-16"))
    assert sent["version"] == 7 and {d["data"]["version"] for d in sent["diagnostics"]} == {7}
    assert all(cache._cache[second.job.uri][k][2] is encoded[k][2] for k in encoded)  # not encoded again
    assert sent == pygls_json(second, "utf-16")


def test_stale_and_encoding_changes_encode_again():
    cache = wire.DiagnosticsWire()
    out = outcome()
    utf16 = json.loads(cache.params_json(out.job.uri, out, "utf-16"))
    utf8 = json.loads(cache.params_json(out.job.uri, out, "utf-8"))
    assert utf16 != utf8 and utf8 == pygls_json(out, "utf-8")
