"""Hostile files, through the core, the CLI and (in one shared session) the language server.

Each must end in clean results or an MP001/MP002 finding with a readable message: never a
traceback, an internal error or a hang. Subprocess timeouts are generous and guard against
hangs only; nothing here measures speed.
"""
from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mpguard.linter.analyze import analyze
from test_fuzz_core import assert_inside
from test_fuzz_lsp import TIMEOUT, alive, hover, inside, open_document, running_server, until

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import generate  # noqa: E402

HAZARD = "import multiprocessing\n\nwith multiprocessing.Pool() as pool:\n    pool.map(lambda x: x, [1])\n"
DEEP_BINOP = "x = " + " + ".join(["'a'"] * 1_000) + "\n"

# name -> bytes on disk. Every one must be handled without a crash or a hang.
NASTY: dict[str, bytes] = {
    "null_byte": b"import multiprocessing\nx = 'a\0b'\n",
    "null_bytes_only": b"\0" * 64,
    "invalid_utf8": b"import multiprocessing\nx = '\xff\xfe\xc3('\n",
    "truncated_utf8": HAZARD.encode() + b"# caf\xc3",
    "bad_coding_cookie": b"# -*- coding: klingon -*-\nimport multiprocessing\n",
    "latin1_cookie": "# -*- coding: latin-1 -*-\nx = 'café'\n".encode("latin-1") + HAZARD.encode(),
    "bom": b"\xef\xbb\xbf" + HAZARD.encode(),
    "bom_and_crlf": b"\xef\xbb\xbf" + HAZARD.replace("\n", "\r\n").encode(),
    "crlf": HAZARD.replace("\n", "\r\n").encode(),
    "cr_only": HAZARD.replace("\n", "\r").encode(),
    "no_final_newline": HAZARD.rstrip("\n").encode(),
    "empty": b"",
    "only_whitespace": b"   \n\t\n\n",
    "form_feed_and_separators": ("import multiprocessing\n\x0c\n# \u2028 \u2029 \x85\n" + HAZARD).encode(),
    "nested_parens_1000": ("x = " + "(" * 1_000 + "1" + ")" * 1_000 + "\n").encode(),
    "nested_unary_1000": ("x = " + "-" * 1_000 + "1\n").encode(),
    "nested_calls_1000": ("x = f" + "()" * 1_000 + "\n").encode(),
    "nested_attributes_1000": ("x = a" + ".b" * 1_000 + "\n").encode(),
    "binop_chain_1000": (HAZARD + DEEP_BINOP).encode(),
    "binop_chain_5000": ("x = " + " + ".join(["1"] * 5_000) + "\n").encode(),
    "nested_lambdas_500": ("import multiprocessing\nf = " + "lambda: " * 500 + "1\n"
                           "multiprocessing.Pool().map(f, [1])\n").encode(),
    "nested_blocks_99": ("".join(" " * i + "if x:\n" for i in range(99)) + " " * 99 + "pass\n").encode(),
    "nested_blocks_101": ("".join(" " * i + "if x:\n" for i in range(101)) + " " * 101 + "pass\n").encode(),
    "huge_string": ("x = '" + "a" * 5_000_000 + "'\n" + HAZARD).encode(),
    "huge_fstring": ("x = f'" + "{1}" * 10_000 + "'\n" + HAZARD).encode(),
    "long_line": ("x = [" + "1, " * 200_000 + "]\n" + HAZARD).encode(),
    "markdown": b"# Title\n\nSome *markdown* with `code`.\n\n- item\n- [link](http://x)\n",
    "json": b'{"a": [1, 2, {"b": null}], "c": true}\n',
    "shell": b"#!/bin/sh\nset -e\nfor f in *.py; do echo \"$f\"; done\n",
    "html": b"<!doctype html><html><body><p>hi</p></body></html>\n",
    "png": bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(range(256)) * 8,
    "python2": b"import multiprocessing\nprint 'hello'\nexec 'x = 1'\n",
    "mixed_tabs_spaces": b"if x:\n\tif y:\n        pass\n",
    "unterminated_triple_quote": b'import multiprocessing\nx = """never closed\n' + HAZARD.encode(),
    "only_a_backslash": b"\\",
    "emoji_identifiers_and_strings": ("import multiprocessing\nnäme = '😀'\n" + HAZARD).encode(),
}


def check_result(text_or_bytes, result) -> None:
    assert all(f.message.strip() for f in result.findings)
    assert not any("internal error" in f.message for f in result.findings), [f.message for f in result.findings]
    if result.error:
        assert {f.code for f in result.findings} <= {"MP001", "MP002"}
        assert result.findings, "an unanalysable file must say why (MP001/MP002)"
    if result.source is not None:
        assert_inside(result.source.text, result)


@pytest.mark.parametrize("name", sorted(NASTY))
def test_core_bytes(name):
    data = NASTY[name]
    check_result(data, analyze(data, f"{name}.py"))


@pytest.mark.parametrize("name", sorted(NASTY))
def test_core_text(name):
    """What an editor sends: text (lossily decoded when the bytes are not UTF-8)."""
    text = NASTY[name].decode("utf-8", "replace")
    check_result(text, analyze(text, f"{name}.py"))


def test_expected_outcomes():
    assert analyze(NASTY["null_byte"]).findings[0].message == "source code cannot contain null bytes"
    assert "cannot decode" in analyze(NASTY["invalid_utf8"]).findings[0].message
    assert "klingon" in analyze(NASTY["bad_coding_cookie"]).findings[0].message
    lf = [(f.code, f.start, f.end) for f in analyze(HAZARD).findings]
    assert lf and any(code == "MP201" for code, *_ in lf)
    for name in ("bom", "crlf", "cr_only", "bom_and_crlf", "no_final_newline"):
        assert [(f.code, f.start, f.end) for f in analyze(NASTY[name]).findings] == lf, name
    assert analyze(NASTY["nested_blocks_101"]).findings[0].code == "MP001"  # "too many levels of indentation"
    assert analyze(NASTY["markdown"]).findings[0].code == "MP001"
    assert analyze(NASTY["png"]).findings[0].code in ("MP001", "MP002")
    assert "MP201" in {f.code for f in analyze(NASTY["huge_string"]).findings}


def test_text_with_a_bom_character():
    """A client may send U+FEFF as the first character of the text: a readable answer either way."""
    result = analyze("\ufeff" + HAZARD)
    check_result(None, result)


def test_deep_expression_does_not_hide_other_findings():
    assert "MP201" in {f.code for f in analyze(NASTY["binop_chain_1000"]).findings}


# --- the CLI ---------------------------------------------------------------------------------------
def run_cli(*args, cwd=None, timeout=300):
    proc = subprocess.run([sys.executable, "-m", "mpguard", "check", "--output-format", "json", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, cwd=cwd)
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode in (0, 1), (proc.returncode, proc.stderr[-3000:])
    return json.loads(proc.stdout), proc


def test_cli_on_every_nasty_file(tmp_path):
    for name, data in NASTY.items():
        (tmp_path / f"{name}.py").write_bytes(data)
    items, _ = run_cli("--jobs", "1", tmp_path)
    by_file: dict[str, list] = {}
    for item in items:
        by_file.setdefault(Path(item["filename"]).stem, []).append(item)
        assert item["message"].strip()
        assert "internal error" not in item["message"], item
    assert by_file["null_byte"][0]["code"] == "MP002"
    assert by_file["invalid_utf8"][0]["code"] == "MP002"
    assert by_file["markdown"][0]["code"] == "MP001"
    for name in ("bom", "crlf", "bom_and_crlf"):
        assert {i["code"] for i in by_file[name]} == {i["code"] for i in by_file["no_final_newline"]}, name


def test_cli_in_parallel_on_many_nasty_files(tmp_path):
    """More files than the parallel threshold: the worker processes survive hostile input too."""
    for copy in range(2):
        for name, data in NASTY.items():
            if len(data) < 100_000:
                (tmp_path / f"{name}_{copy}.py").write_bytes(data)
    items, _ = run_cli("--jobs", "2", tmp_path)
    assert any(i["code"] == "MP002" for i in items)


def test_cli_on_a_50000_line_file(tmp_path):
    path = tmp_path / "big.py"
    path.write_text(generate(50_000))
    items, _ = run_cli(path, timeout=600)
    assert len(items) > 1_000 and not any(i["code"] in ("MP001", "MP002") for i in items)


def test_cli_skips_a_dangling_symlink_instead_of_aborting(tmp_path):
    (tmp_path / "ok.py").write_text(HAZARD)
    (tmp_path / "dangling.py").symlink_to(tmp_path / "missing.py")
    proc = subprocess.run([sys.executable, "-m", "mpguard", "check", "--output-format", "json", tmp_path],
                          capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr
    assert proc.returncode in (0, 1), f"a dangling symlink in the tree aborted the run: {proc.stderr.strip()}"
    assert any(i["code"] == "MP201" for i in json.loads(proc.stdout))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs mkfifo")
def test_cli_does_not_hang_on_a_fifo_named_py(tmp_path):
    (tmp_path / "ok.py").write_text(HAZARD)
    os.mkfifo(tmp_path / "pipe.py")
    try:
        proc = subprocess.run([sys.executable, "-m", "mpguard", "check", "--output-format", "json", tmp_path],
                              capture_output=True, text=True, timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("mpguard check blocks forever reading a FIFO named *.py")
    assert proc.returncode in (0, 1)


# --- the server (one session for all of them) ------------------------------------------------------------
SERVER_CASES = ["null_byte", "crlf", "cr_only", "form_feed_and_separators", "nested_unary_1000",
                "binop_chain_1000", "binop_chain_5000", "nested_blocks_101", "markdown", "png", "python2",
                "huge_string", "long_line", "emoji_identifiers_and_strings", "unterminated_triple_quote", "empty"]


def test_server_on_nasty_documents(tmp_path):
    async def session():
        async with running_server(tmp_path) as client:
            texts = {}
            for name in SERVER_CASES:
                uri = (tmp_path / f"{name}.py").as_uri()
                texts[uri] = NASTY[name].decode("utf-8", "replace")
                open_document(client, uri, texts[uri])
            big = (tmp_path / "fifty_thousand.py").as_uri()
            texts[big] = "import multiprocessing\n" + "x = [1, 2, 3]\n" * 50_000 + HAZARD
            open_document(client, big, texts[big])
            await until(lambda: {p.uri for p in client.published} >= set(texts), "diagnostics for every document",
                        TIMEOUT * 4)
            for params in client.published:
                for diag in params.diagnostics:
                    assert inside(texts[params.uri], diag.range), (params.uri, diag.range)
                    assert diag.message.strip() and "internal error" not in diag.message
            last = {p.uri: p for p in client.published}
            assert [d.code for d in last[(tmp_path / "null_byte.py").as_uri()].diagnostics] == ["MP002"]
            assert "MP201" in {d.code for d in last[big].diagnostics}
            for uri in texts:  # still answering, on every document
                await hover(client, uri, 1, 1)
            assert alive(client)

    asyncio.run(session())
