"""The real server over stdio, fed what a broken or hostile client sends: every request gets an answer
(a result or a JSON-RPC error), framing errors are survived, and `exit` reports how the session ended.
The reproducers of issue 19 ("the language server freezes or dies"). No timing is asserted."""
from __future__ import annotations

import json
import time

import pytest

from lsp_raw import RawServer, hover_params, open_params

TEXT = "import multiprocessing as mp\n\nmp.Process(target=lambda: None).start()\n"


@pytest.fixture
def server(tmp_path):
    raw = RawServer(cwd=tmp_path)
    yield raw
    raw.close()


@pytest.fixture(scope="module")
def answering(tmp_path_factory):
    """One server for the tests of requests with params that do not fit (a server costs about a second of CPU
    to start): initialized, one document open; (the server, the document's uri). Each test reads the answers to
    its own requests, by id, and checks that the server still answers a good one. The lifecycle and framing
    tests get a fresh server each."""
    root = tmp_path_factory.mktemp("answering")
    raw = RawServer(cwd=root)
    yield raw, ready(raw, root)
    raw.close()


def ready(server: RawServer, root) -> str:
    """Initialized, with one document open; its uri."""
    assert "result" in server.initialize(root)
    uri = (root / "doc.py").as_uri()
    server.notify("textDocument/didOpen", open_params(uri, TEXT))
    return uri


def hover_answered(server: RawServer, uri: str) -> dict:
    answer = server.response(server.request("textDocument/hover", hover_params(uri, 2, 4)))
    assert "result" in answer, answer
    return answer


def error_code(answer: dict) -> int:
    assert "error" in answer, answer
    return answer["error"]["code"]


# --- the lifecycle -----------------------------------------------------------------------------------
def test_requests_before_initialize_get_server_not_initialized(server, tmp_path):
    uri = (tmp_path / "doc.py").as_uri()
    server.notify("textDocument/didOpen", open_params(uri, TEXT))  # dropped, as the specification says
    assert error_code(server.response(server.request("textDocument/hover", hover_params(uri, 2, 4)))) == -32002
    assert error_code(server.response(server.request("shutdown"))) == -32002
    assert "result" in server.initialize(tmp_path)
    answer = hover_answered(server, uri)
    assert answer["result"] is None  # the didOpen before initialize was not kept
    server.notify("textDocument/didOpen", open_params(uri, TEXT))
    assert "MP201" in hover_answered(server, uri)["result"]["contents"]["value"]


def test_exit_without_shutdown_exits_1(server, tmp_path):
    ready(server, tmp_path)
    server.notify("exit")
    assert server.wait_exit() == 1


def test_shutdown_then_exit_exits_0_and_requests_in_between_get_an_error(server, tmp_path):
    uri = ready(server, tmp_path)
    assert server.response(server.request("shutdown")) == {"jsonrpc": "2.0", "id": 1 + 1, "result": None}
    assert error_code(server.response(server.request("textDocument/hover", hover_params(uri, 2, 4)))) == -32600
    server.notify("exit")
    assert server.wait_exit() == 0


def test_exit_before_initialize_exits_1(server):
    server.notify("exit")
    assert server.wait_exit() == 1


# --- params that do not fit ----------------------------------------------------------------------------
@pytest.mark.parametrize("position", [
    {"line": 2 ** 32, "character": 0}, {"line": 0, "character": 2 ** 32}, {"line": -1, "character": 0},
    {"line": "two", "character": 4}, {"line": None, "character": 4}, {"line": 2}, [2, 4], "2:4"])
def test_hover_with_odd_positions_is_answered_with_invalid_params(answering, position):
    server, uri = answering
    msg_id = server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": position})
    answer = server.response(msg_id)
    assert error_code(answer) == -32602 and answer["id"] == msg_id
    assert "MP201" in hover_answered(server, uri)["result"]["contents"]["value"]  # and it goes on


@pytest.mark.parametrize("method,params", [
    ("textDocument/hover", 5), ("textDocument/hover", []), ("textDocument/codeAction", {"textDocument": {}}),
    ("textDocument/codeAction", {"textDocument": {"uri": 7}, "range": None, "context": {}}),
    ("workspace/executeCommand", {"command": ["mpguard.fixAll"]}),
    ("textDocument/diagnostic", {"textDocument": "doc.py"})])
def test_requests_with_odd_params_are_answered(answering, method, params):
    server, uri = answering
    answer = server.response(server.request(method, params))
    assert error_code(answer) in (-32602, -32601)  # invalid params; or the method is not offered (push mode)
    hover_answered(server, uri)


def test_positions_past_the_end_of_the_document_are_answered(answering):
    server, uri = answering
    for line, character in ((2 ** 31 - 1, 0), (2, 2 ** 31 - 1), (10 ** 6, 10 ** 6)):
        assert "result" in server.response(server.request("textDocument/hover", hover_params(uri, line, character)))
        rng = {"start": {"line": line, "character": character}, "end": {"line": line, "character": character}}
        answer = server.response(server.request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": rng, "context": {"diagnostics": []}}))
        assert "result" in answer, answer


def test_not_json_and_not_json_rpc_get_errors_with_id_null(server, tmp_path):
    uri = ready(server, tmp_path)
    server.send(b"{this is not json")
    server.send(b"[1, 2, 3]")
    server.send({"id": 99, "method": "textDocument/hover"})  # no "jsonrpc"
    codes = []
    while len(codes) < 3:
        message = server.next_message()
        if message is not None and "error" in message:
            codes.append((message["id"], message["error"]["code"]))
    assert codes == [(None, -32700), (None, -32600), (99, -32600)]
    hover_answered(server, uri)


# --- framing -----------------------------------------------------------------------------------------------
def test_a_huge_content_length_is_skipped_not_allocated(server, tmp_path):
    uri = ready(server, tmp_path)
    server.write(b"Content-Length: 1000000000000000\r\n\r\n" + b'{"jsonrpc": "2.0", "method": "x"}' * 10)
    hover_answered(server, uri)
    server.notify("exit")
    assert server.wait_exit() == 1
    assert "Content-Length 1000000000000000 is more than the 268,435,456 bytes accepted" in server.log()


@pytest.mark.parametrize("wrong", [+40, -10, +10_000])
def test_a_wrong_content_length_does_not_wedge_the_server(server, tmp_path, wrong):
    uri = ready(server, tmp_path)
    body = json.dumps({"jsonrpc": "2.0", "id": 500, "method": "textDocument/hover",
                       "params": hover_params(uri, 2, 4)}).encode()
    server.write(b"Content-Length: %d\r\n\r\n" % (len(body) + wrong) + body)
    answers = [hover_answered(server, uri) for _ in range(3)]  # the messages after it are answered
    assert all("MP201" in a["result"]["contents"]["value"] for a in answers)
    if wrong > 0:  # a body cut short by the next header is still a whole message: answered too
        assert "MP201" in server.response(500)["result"]["contents"]["value"]


def test_garbage_between_messages_is_skipped(server, tmp_path):
    uri = ready(server, tmp_path)
    server.write(b"\r\n\r\nnot a header at all\r\nX-Other: 1\r\n\r\n")
    server.write(b"Content-Length: 12\r\n")  # headers that never end ...
    hover_answered(server, uri)  # ... are abandoned for the next Content-Length


def test_tcp_mode_frames_and_answers_the_same_way(tmp_path):
    import socket
    import subprocess
    import sys

    with socket.socket() as probe:  # a free port on the loopback interface
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "mpguard", "server", "--tcp", f"127.0.0.1:{port}"], cwd=tmp_path,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):  # until it listens (a bound on tries, not a timing assertion)
            try:
                conn = socket.create_connection(("127.0.0.1", port), timeout=60)
                break
            except OSError:
                if proc.poll() is not None:
                    raise AssertionError("the server exited")
                time.sleep(0.1)
        stream = conn.makefile("rwb")

        def send(message) -> None:
            stream.write(RawServer.frame(message))
            stream.flush()

        def read() -> dict:
            length = None
            while True:
                line = stream.readline()
                if not line.strip():
                    break
                if line.lower().startswith(b"content-length"):
                    length = int(line.split(b":")[1])
            return json.loads(stream.read(length))

        send({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": hover_params("file:///x.py", 0, 0)})
        assert read()["error"]["code"] == -32002
        send({"jsonrpc": "2.0", "id": 2, "method": "initialize", "params": {"capabilities": {}}})
        assert "result" in read()
        stream.write(b"Content-Length: 99999999999999999\r\n\r\n{}")  # skipped; the next message still arrives
        send({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"position": 1}})
        answer = read()
        assert answer["id"] == 3 and answer["error"]["code"] == -32602
        send({"jsonrpc": "2.0", "method": "exit"})
        assert proc.wait(60) == 1
        conn.close()
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def test_an_unreadable_answer_to_apply_edit_still_ends_the_fix_all_command(server, tmp_path):
    uri = ready(server, tmp_path)
    server.notify("textDocument/didOpen", open_params(uri, "import multiprocessing as mp\n\nif __name__ == '__main__':\n"
                                                           "    mp.Pool(2).map(lambda x: x, [1])\n", version=2))
    command = server.request("workspace/executeCommand", {"command": "mpguard.fixAll", "arguments": [uri]})
    while True:
        message = server.next_message()
        assert message is not None, "the server exited"
        if message.get("method") == "workspace/applyEdit":
            server.send({"jsonrpc": "2.0", "id": message["id"], "result": {"failedChange": "x"}})  # "applied" is required
        elif message.get("id") == command and "method" not in message:
            break
    assert "error" in message or message["result"]["applied"] is False, message
    hover_answered(server, uri)
