"""A raw JSON-RPC client for the language server over stdio: it writes whatever bytes a test wants
(broken framing included) and reads the server's messages in order, on a thread.

Timeouts only guard against hangs (a server that never answers fails the test instead of blocking it);
nothing here measures time.
"""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

from lsp_helpers import SERVER

# How long a read waits before calling the server hung: a bound, never a measure. A whole-file code action on
# 10,000 lines (test_lsp_offload) must reach a checkpoint before a cancelled or superseded request is answered, and
# on a machine running other suites and helpers (load 10) that took over a minute.
TIMEOUT = 180.0


class RawServer:
    def __init__(self, cmd=None, cwd: Path | None = None, env: dict | None = None):
        self.proc = subprocess.Popen(cmd or SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=cwd, env=env or dict(os.environ), bufsize=0)
        self.messages: queue.Queue = queue.Queue()
        self.seen: list[dict] = []  # every message read, in order
        self.stderr = b""
        threading.Thread(target=self._read, daemon=True).start()
        self._stderr_reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._stderr_reader.start()
        self._next_id = 0

    # --- writing -------------------------------------------------------------------------------
    def write(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    @staticmethod
    def frame(message) -> bytes:
        body = message if isinstance(message, bytes) else json.dumps(message).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    def send(self, message) -> None:
        self.write(self.frame(message))

    def request(self, method: str, params=None, msg_id=None) -> int:
        if msg_id is None:
            self._next_id += 1
            msg_id = self._next_id
        message = {"jsonrpc": "2.0", "id": msg_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return msg_id

    def notify(self, method: str, params=None) -> None:
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)

    # --- reading -------------------------------------------------------------------------------
    def _read(self) -> None:
        stream = self.proc.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                if not line.strip():
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            body = b""
            while length is not None and len(body) < length:
                chunk = stream.read(length - len(body))
                if not chunk:
                    self.messages.put(None)
                    return
                body += chunk
            self.messages.put(json.loads(body))

    def _read_stderr(self) -> None:
        for line in self.proc.stderr:
            self.stderr += line

    def next_message(self, timeout: float = TIMEOUT) -> dict | None:
        message = self.messages.get(timeout=timeout)
        if message is not None:
            self.seen.append(message)
        return message

    def response(self, msg_id, timeout: float = TIMEOUT) -> dict:
        """The response to `msg_id` (skipping notifications and server requests, answered with null)."""
        for message in self.seen:
            if "id" in message and "method" not in message and message["id"] == msg_id:
                return message
        while True:
            message = self.next_message(timeout)
            if message is None:
                raise AssertionError(f"the server exited before answering {msg_id!r}; stderr:\n"
                                     f"{self.stderr.decode(errors='replace')[-3000:]}")
            if "method" in message and "id" in message:  # workspace/configuration and the like
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            elif "id" in message and message["id"] == msg_id:
                return message

    def responses_in_order(self, ids: set, timeout: float = TIMEOUT) -> list:
        """The ids of `ids`, in the order their answers arrived."""
        order = []
        while len(order) < len(ids):
            message = self.next_message(timeout)
            if message is None:
                raise AssertionError("the server exited")
            if "method" in message and "id" in message:
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            elif message.get("id") in ids:
                order.append(message["id"])
        return order

    def diagnostics(self, uri: str, version: int, timeout: float = TIMEOUT) -> list:
        """The diagnostics published for `uri` at `version` (reading on until they come)."""
        def match(message):
            return message.get("method") == "textDocument/publishDiagnostics" and \
                message["params"]["uri"] == uri and message["params"].get("version") == version
        for message in self.seen:
            if match(message):
                return message["params"]["diagnostics"]
        while True:
            message = self.next_message(timeout)
            if message is None:
                raise AssertionError(f"the server exited before publishing {uri} version {version}")
            if "method" in message and "id" in message:
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            elif match(message):
                return message["params"]["diagnostics"]

    def wait_exit(self, timeout: float = TIMEOUT) -> int:
        code = self.proc.wait(timeout)
        self._stderr_reader.join(timeout)
        return code

    def log(self) -> str:
        """The server's stderr (its log), complete once it has exited (`wait_exit`)."""
        return self.stderr.decode(errors="replace")

    def initialize(self, root: Path | None = None, capabilities: dict | None = None) -> dict:
        params = {"processId": os.getpid(), "capabilities": capabilities or {}}
        if root is not None:
            params["rootUri"] = root.as_uri()
        answer = self.response(self.request("initialize", params))
        self.notify("initialized", {})
        return answer

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            try:
                stream.close()
            except OSError:
                pass


def open_params(uri: str, text: str, version: int = 1) -> dict:
    return {"textDocument": {"uri": uri, "languageId": "python", "version": version, "text": text}}


def hover_params(uri: str, line: int, character: int) -> dict:
    return {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}


PYTHON = sys.executable
