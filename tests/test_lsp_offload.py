"""Heavy requests off the event loop (issue 19, "a server that never freezes"), against the real server
over stdio. What is proven is ordering (an answer arrives before another) and counting (work done
once, or not at all), never elapsed time: the machine is shared and noisy."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from lsp_raw import RawServer, hover_params, open_params

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from generate import generate  # noqa: E402

COUNTING = [sys.executable, str(Path(__file__).with_name("counting_server.py"))]
SCRIPT = """import multiprocessing as mp
from big_helpers import square_1, run_pool_1


def main():
    p = mp.Process(target=square_1, args=(2,))
    p.start()
    p.join()
    run_pool_1([1, 2])
"""


@pytest.fixture
def counting(tmp_path):
    counts = tmp_path / "counts.txt"
    counts.write_text("")
    raw = RawServer(COUNTING, cwd=tmp_path, env={**os.environ, "MPGUARD_COUNT_FILE": str(counts)})
    raw.counts = lambda: counts.read_text().splitlines()
    yield raw
    raw.close()


def change(server: RawServer, uri: str, version: int, line: int, character: int, text: str) -> None:
    at = {"line": line, "character": character}
    server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                             "contentChanges": [{"range": {"start": at, "end": at}, "text": text}]})


def test_an_imported_project_module_is_summarised_once_across_keystrokes(counting, tmp_path):
    helpers = tmp_path / "big_helpers.py"
    helpers.write_text(generate(40_000))
    script = tmp_path / "main.py"
    script.write_text(SCRIPT)
    uri = script.as_uri()
    counting.initialize(tmp_path)
    counting.notify("textDocument/didOpen", open_params(uri, SCRIPT))
    counting.diagnostics(uri, 1)
    for version in range(2, 22):  # 20 keystrokes in the 10-line script, each analysed and published
        change(counting, uri, version, 8, 4 + version - 2, "x")
        counting.diagnostics(uri, version)
    summaries = [line for line in counting.counts() if line == f"summarize {helpers}"]
    assert len(summaries) == 1, counting.counts()


def test_a_module_open_in_the_editor_is_summarised_once_per_version_of_its_buffer(counting, tmp_path):
    helpers = tmp_path / "big_helpers.py"
    text = generate(2_000)
    helpers.write_text("# the disk copy is not what the editor has\n")
    script = tmp_path / "main.py"
    script.write_text(SCRIPT)
    uri = script.as_uri()
    counting.initialize(tmp_path)
    counting.notify("textDocument/didOpen", open_params(helpers.as_uri(), text))
    counting.notify("textDocument/didOpen", open_params(uri, SCRIPT))
    counting.diagnostics(uri, 1)
    for version in range(2, 12):
        change(counting, uri, version, 8, 4 + version - 2, "x")
        counting.diagnostics(uri, version)
    assert [line for line in counting.counts() if line == f"summarize {helpers}"] == [f"summarize {helpers}"]
    change(counting, helpers.as_uri(), 2, 0, 0, "# edited\n")  # a new buffer version: summarised again, once
    counting.diagnostics(helpers.as_uri(), 2)
    for version in range(12, 16):
        change(counting, uri, version, 8, 4, "y")
        counting.diagnostics(uri, version)
    assert len([line for line in counting.counts() if line == f"summarize {helpers}"]) == 2


# --- cancellation, supersession, ordering --------------------------------------------------------------
SMALL = "import multiprocessing as mp\n\nmp.Process(target=lambda: None).start()\n"


@pytest.fixture
def two_documents(tmp_path):
    """A server with a 10,000-line module and a 3-line script open, both analysed; its log file."""
    log = tmp_path / "server.log"
    raw = RawServer([sys.executable, "-m", "mpguard", "server", "--log-file", str(log)], cwd=tmp_path)
    big, small = tmp_path / "big.py", tmp_path / "small.py"
    big.write_text(generate(10_000))
    small.write_text(SMALL)
    raw.initialize(tmp_path)
    for path in (big, small):
        raw.notify("textDocument/didOpen", open_params(path.as_uri(), path.read_text()))
    assert raw.diagnostics(big.as_uri(), 1) and raw.diagnostics(small.as_uri(), 1)
    raw.big, raw.small, raw.log_file = big, small, log
    yield raw
    raw.close()


def whole_file_action(server: RawServer, path: Path) -> int:
    """A code action over the whole file: every finding's fix is built (seconds on 10,000 lines)."""
    end = path.read_text().count("\n")
    return server.request("textDocument/codeAction", {
        "textDocument": {"uri": path.as_uri()}, "context": {"diagnostics": []},
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": end, "character": 0}}})


def answered_before(server: RawServer, first: int, second: int) -> dict:
    """Reads until `first` is answered, asserting `second` was not answered before it; the answer."""
    answer = server.response(first)
    assert not any(m.get("id") == second and "method" not in m for m in server.seen), \
        f"request {second} was answered before request {first}"
    return answer


def test_a_code_action_on_a_large_file_does_not_hold_up_a_hover_on_another_document(two_documents):
    server = two_documents
    action = whole_file_action(server, server.big)
    hover = server.request("textDocument/hover", hover_params(server.small.as_uri(), 2, 4))
    assert "MP201" in answered_before(server, hover, action)["result"]["contents"]["value"]
    server.notify("$/cancelRequest", {"id": action})
    assert server.response(action)["error"]["code"] == -32800  # RequestCancelled, answered at once
    # The fixes worker is free again: a one-line code action on the same file gets its quick fix.
    diagnostic = server.diagnostics(server.big.as_uri(), 1)[0]
    quick = server.response(server.request("textDocument/codeAction", {
        "textDocument": {"uri": server.big.as_uri()}, "range": diagnostic["range"],
        "context": {"diagnostics": [diagnostic]}}))
    assert any(a["title"].startswith("Disable") for a in quick["result"])
    server.response(server.request("shutdown"))
    server.notify("exit")
    assert server.wait_exit() == 0
    assert "request work given up at a checkpoint" in server.log_file.read_text()  # it stopped, not ran on


def test_a_newer_version_supersedes_a_running_code_action(two_documents):
    server = two_documents
    uri = server.big.as_uri()
    action = whole_file_action(server, server.big)
    hover = server.request("textDocument/hover", hover_params(server.small.as_uri(), 2, 4))
    answered_before(server, hover, action)  # the action is running (or queued) on the worker
    change(server, uri, 2, 0, 0, "# typed\n")
    assert server.response(action)["error"]["code"] == -32801  # ContentModified: the text it was for is gone
    diagnostics = server.diagnostics(uri, 2)
    quick = server.response(server.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": diagnostics[0]["range"], "context": {"diagnostics": [diagnostics[0]]}}))
    assert quick.get("result") and all(a["diagnostics"][0]["data"]["version"] == 2 for a in quick["result"]
                                   if a.get("diagnostics"))


def test_hover_on_a_document_over_the_analysis_limit_never_parses_it_whole(counting, tmp_path):
    huge = tmp_path / "huge.py"
    # At the end, a line that does not parse alone (inside a string): it used to make the hover parse the
    # whole file, on the event loop (seconds).
    text = generate(90_000) + '\nDOC = """\nmp.Pool(2) (\n"""\n'
    assert len(text) > 2_000_000
    huge.write_text(text)
    small = tmp_path / "small.py"
    counting.initialize(tmp_path)
    counting.notify("textDocument/didOpen", open_params(huge.as_uri(), text))
    counting.notify("textDocument/didOpen", open_params(small.as_uri(), SMALL))
    counting.diagnostics(huge.as_uri(), 1)  # "too large": not analysed
    lines = text.splitlines()
    row = next(i for i, line in enumerate(lines) if "mp.Pool(2)" in line)
    hovers = [counting.request("textDocument/hover", hover_params(huge.as_uri(), row, lines[row].index("Pool")))
              for _ in range(5)]
    inside_string = counting.request("textDocument/hover", hover_params(huge.as_uri(), len(lines) - 2, 4))
    other = counting.request("textDocument/hover", hover_params(small.as_uri(), 2, 4))
    assert all("multiprocessing.Pool" in counting.response(h)["result"]["contents"]["value"] for h in hovers)
    assert counting.response(inside_string)["result"] is None
    assert "MP201" in counting.response(other)["result"]["contents"]["value"]
    parsed = [int(line.split()[1]) for line in counting.counts() if line.startswith("hover-parse ")]
    assert parsed and max(parsed) < 10_000, parsed  # the statement under the cursor and the imports only


# --- fix-all ------------------------------------------------------------------------------------------------
LAMBDAS = "import multiprocessing as mp\n\nif __name__ == '__main__':\n    with mp.Pool(2) as pool:\n" + "".join(
    f"        pool.map(lambda x: x + {i}, [1])\n" for i in range(100))  # fix-all: ten rounds of re-analysis


@pytest.fixture
def lambdas(tmp_path):
    raw = RawServer(cwd=tmp_path)
    path, small = tmp_path / "lambdas.py", tmp_path / "small.py"
    path.write_text(LAMBDAS)
    small.write_text(SMALL)
    raw.initialize(tmp_path)
    for doc in (path, small):
        raw.notify("textDocument/didOpen", open_params(doc.as_uri(), doc.read_text()))
    assert raw.diagnostics(path.as_uri(), 1) and raw.diagnostics(small.as_uri(), 1)
    raw.path, raw.small = path, small
    yield raw
    raw.close()


def fix_all(server: RawServer, path: Path) -> int:
    return server.request("workspace/executeCommand", {"command": "mpguard.fixAll", "arguments": [path.as_uri()]})


def test_fix_all_does_not_hold_up_diagnostics_of_another_document(lambdas):
    server = lambdas
    command = fix_all(server, server.path)
    change(server, server.small.as_uri(), 2, 0, 0, "# typed\n")
    server.diagnostics(server.small.as_uri(), 2)  # published while fix-all still works
    assert not any(m.get("id") == command for m in server.seen), "fix-all finished first: nothing was proven"
    server.notify("$/cancelRequest", {"id": command})
    assert server.response(command)["error"]["code"] == -32800


def test_fix_all_superseded_by_an_edit_applies_nothing(lambdas):
    server = lambdas
    command = fix_all(server, server.path)
    hover = server.request("textDocument/hover", hover_params(server.small.as_uri(), 2, 4))
    answered_before(server, hover, command)
    change(server, server.path.as_uri(), 2, 0, 0, "# typed\n")
    assert server.response(command)["result"] == {
        "applied": False, "reason": "the document changed while its fixes were computed"}
    assert not any(m.get("method") == "workspace/applyEdit" for m in server.seen)


def test_a_parse_spoiled_by_the_shared_depth_counter_is_parsed_again(monkeypatch):
    """CPython 3.11/3.12 keep one AST depth counter per interpreter (gh-106905): a parse that fails with
    that SystemError is tried again (the counter restarts with each parse); other SystemErrors pass."""
    import ast
    from mpguard.lsp import offload

    calls = []

    def flaky(source, *args, **kwargs):
        calls.append(source)
        if source == "boom":
            raise SystemError("something else")
        if len(calls) == 1:
            raise SystemError("AST constructor recursion depth mismatch (before=45, after=100)")
        return "tree"

    monkeypatch.setattr(ast, "parse", flaky)
    offload.serialize_ast_parse()
    assert ast.parse("x = 1") == "tree" and calls == ["x = 1", "x = 1"]
    with pytest.raises(SystemError, match="something else"):
        ast.parse("boom")
