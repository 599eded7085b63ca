"""A minimal LSP client over stdio (raw JSON-RPC), used to time language servers from outside.

It is deliberately independent of pygls so that mpguard's server and `ruff server` are driven by
exactly the same code. A reader thread timestamps every message the moment it is parsed, so a
latency is "message sent" -> "answer read off the pipe", with no event-loop scheduling in between.
"""
from __future__ import annotations

import itertools
import json
import os
import subprocess
import threading
import time
from pathlib import Path


class ServerDied(RuntimeError):
    pass


class LspClient:
    def __init__(self, cmd: list[str], cwd: str | None = None, env: dict | None = None,
                 stderr_path: str | None = None):
        self.started = time.perf_counter()
        self._stderr = open(stderr_path or os.devnull, "wb")
        self.proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self._stderr, bufsize=0)
        self._ids = itertools.count(1)
        self._write_lock = threading.Lock()
        self._cond = threading.Condition()
        self._responses: dict[int, tuple[float, dict]] = {}
        self.diagnostics: list[tuple[float, dict]] = []  # (time read, publishDiagnostics params)
        self.notifications: list[tuple[float, str, dict]] = []
        self.closed = False
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()

    # --- wire ----------------------------------------------------------------------------
    def _send(self, message: dict) -> None:
        body = json.dumps(message).encode("utf-8")
        with self._write_lock:
            try:
                self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
                self.proc.stdin.flush()
            except (BrokenPipeError, OSError) as exc:
                raise ServerDied(f"server pipe closed: {exc}") from None

    def _read_message(self):
        stream = self.proc.stdout
        length = None
        while True:
            line = stream.readline()
            if not line:
                return None
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        data = b""
        while length and len(data) < length:
            chunk = stream.read(length - len(data))
            if not chunk:
                return None
            data += chunk
        return json.loads(data)

    def _read_loop(self) -> None:
        while True:
            try:
                message = self._read_message()
            except Exception:
                message = None
            now = time.perf_counter()
            if message is None:
                with self._cond:
                    self.closed = True
                    self._cond.notify_all()
                return
            if "method" in message and "id" in message:
                self._answer_server_request(message)
            elif "id" in message:
                with self._cond:
                    self._responses[message["id"]] = (now, message)
                    self._cond.notify_all()
            else:
                with self._cond:
                    if message.get("method") == "textDocument/publishDiagnostics":
                        self.diagnostics.append((now, message["params"]))
                    else:
                        self.notifications.append((now, message.get("method"), message.get("params")))
                    self._cond.notify_all()

    def _answer_server_request(self, message: dict) -> None:
        result = None
        if message["method"] == "workspace/configuration":
            result = [None for _ in message.get("params", {}).get("items", [])]
        self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})

    # --- API -----------------------------------------------------------------------------
    def notify(self, method: str, params) -> float:
        sent = time.perf_counter()
        self._send({"jsonrpc": "2.0", "method": method, "params": params})
        return sent

    def request(self, method: str, params, timeout: float = 60.0) -> tuple[float, object]:
        """Send a request and wait for the answer: (seconds from send to answer read, result)."""
        rid, sent = self.send_request(method, params)
        received, message = self.wait_response(rid, timeout, method)
        if "error" in message:
            raise RuntimeError(f"{method}: {message['error']}")
        return received - sent, message.get("result")

    def send_request(self, method: str, params) -> tuple[int, float]:
        """Send a request without waiting: (its id, when it was sent)."""
        rid = next(self._ids)
        sent = time.perf_counter()
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        return rid, sent

    def wait_response(self, rid: int, timeout: float = 60.0, what: str = "a request") -> tuple[float, dict]:
        """(when the answer to `rid` was read, the whole response message)."""
        deadline = time.perf_counter() + timeout
        with self._cond:
            while rid not in self._responses:
                if self.closed:
                    raise ServerDied(f"server exited while waiting for {what}")
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise TimeoutError(f"{what}: no answer in {timeout} s")
                self._cond.wait(left)
            return self._responses.pop(rid)

    def answered(self, rid: int) -> bool:
        with self._cond:
            return rid in self._responses

    def wait_diagnostics(self, uri: str, after: float, version: int | None = None,
                         timeout: float = 60.0) -> tuple[float, dict]:
        """The first publishDiagnostics for `uri` read after `after` (and for `version`, when the
        server sends versions): (time read, params)."""
        deadline = time.perf_counter() + timeout
        with self._cond:
            while True:
                for when, params in self.diagnostics:
                    if when < after or params.get("uri") != uri:
                        continue
                    got = params.get("version")
                    if version is None or got is None or got == version:
                        return when, params
                if self.closed:
                    raise ServerDied("server exited while waiting for diagnostics")
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise TimeoutError(f"no diagnostics for {uri} (version {version}) in {timeout} s")
                self._cond.wait(left)

    # --- session -------------------------------------------------------------------------
    def initialize(self, root: Path, timeout: float = 60.0) -> dict:
        caps = {
            "general": {"positionEncodings": ["utf-16"]},
            "workspace": {"configuration": True, "workspaceFolders": True},
            "textDocument": {
                "synchronization": {"didSave": True, "dynamicRegistration": False},
                "publishDiagnostics": {"versionSupport": True, "relatedInformation": True},
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": [
                    "", "quickfix", "refactor", "source", "source.fixAll", "source.organizeImports"]}},
                    "resolveSupport": {"properties": ["edit"]}, "dataSupport": True},
            },
        }
        _, result = self.request("initialize", {
            "processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": caps,
            "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}]}, timeout)
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, version: int = 1) -> float:
        return self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "python", "version": version, "text": text}})

    def change(self, uri: str, version: int, changes: list[dict]) -> float:
        return self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version}, "contentChanges": changes})

    def close_doc(self, uri: str) -> None:
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def peak_rss_mib(self) -> float | None:
        """VmHWM (peak resident set size) of the server process, from /proc (Linux)."""
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def shutdown(self, timeout: float = 10.0) -> None:
        try:
            if not self.closed:
                self.request("shutdown", None, timeout)
                self.notify("exit", None)
            self.proc.wait(timeout)
        except (ServerDied, TimeoutError, RuntimeError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        finally:
            self._stderr.close()
