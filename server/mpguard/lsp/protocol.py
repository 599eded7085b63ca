"""pygls's LSP protocol, made to answer every request.

pygls 2.1.1 decodes a message and structures its params in one `json.loads(..., object_hook=...)`:
params that do not fit the request's type (a string for a line, a position of 2**32) raise inside
the hook, the reader logs it, and the request is never answered. Requests before `initialize`
reach the handlers (which wait for a workspace that does not exist yet), and requests after
`shutdown` are dropped without an answer. Here:

- a body that is not JSON gets a ParseError (-32700), one that is not a JSON-RPC message an
  InvalidRequest (-32600), both with id null as JSON-RPC asks;
- params that do not fit get InvalidParams (-32602) with the request's id;
- before `initialize`, requests get ServerNotInitialized (-32002) and notifications are dropped
  (except `exit`), as the LSP specification says;
- after `shutdown`, requests get InvalidRequest (-32600).
"""
from __future__ import annotations

import json
import logging

from lsprotocol import types
from pygls.exceptions import (JsonRpcException, JsonRpcInvalidParams, JsonRpcInvalidRequest, JsonRpcParseError,
                              JsonRpcServerNotInitialized)
from pygls.protocol import LanguageServerProtocol

from mpguard.lsp import wire

log = logging.getLogger("mpguard.lsp")


class Encoded:
    """A request's result as JSON text already (`wire.encode`, done on a worker thread)."""

    __slots__ = ("json",)

    def __init__(self, json_text: str):
        self.json = json_text


class MpguardProtocol(LanguageServerProtocol):
    def __init__(self, server, converter):
        super().__init__(server, converter)
        self.initialize_received = False

    # --- bytes -> message ------------------------------------------------------------------------
    def handle_body(self, body: bytes) -> None:
        """One message body off the wire (see lsp/transport.py)."""
        try:
            data = json.loads(body)
        except (ValueError, RecursionError) as exc:
            log.error("a message that is not JSON: %s", exc)
            self.reply_error(None, JsonRpcParseError(f"Parse error: {exc}"))
            return
        msg_id = data.get("id") if isinstance(data, dict) else None
        if not isinstance(msg_id, (str, int)) or isinstance(msg_id, bool):
            msg_id = None
        if not isinstance(data, dict) or data.get("jsonrpc") != self.VERSION or \
                ("method" in data and not isinstance(data["method"], str)):
            log.error("not a JSON-RPC 2.0 message: %.200s", body)
            if "method" in (data if isinstance(data, dict) else {}) or msg_id is None:
                self.reply_error(msg_id, JsonRpcInvalidRequest("Invalid Request: not a JSON-RPC 2.0 message"))
            return
        try:
            message = self.structure_message(data)
        except JsonRpcException as exc:
            cause = exc.__cause__ or exc
            if "method" in data and "id" in data:
                self.reply_error(msg_id, JsonRpcInvalidParams(
                    f"Invalid params for {data['method']}: {_first_line(cause)}"))
            elif "id" in data and "method" not in data:  # an answer to our request: whoever awaits it must not hang
                log.error("the client's answer to %r does not fit its type: %s", msg_id, _first_line(cause))
                self._handle_response(data["id"], None, types.ResponseError(
                    code=JsonRpcInvalidParams.CODE, message=f"unreadable answer: {_first_line(cause)}"))
            else:
                log.error("dropped a %s message that does not fit its type: %s", data.get("method", "response"),
                          _first_line(cause))
            return
        self.handle_message(message)

    def _send_response(self, msg_id, result=None, error=None):
        if error is None and isinstance(result, Encoded):
            if wire.send_result(self, msg_id, result.json):
                return
            result = json.loads(result.json)
        super()._send_response(msg_id, result, error)

    def reply_error(self, msg_id, error: JsonRpcException) -> None:
        # A plain dict: pygls's ResponseErrorMessage leaves out an id of None, and JSON-RPC wants "id": null.
        self._send_data({"jsonrpc": self.VERSION, "id": msg_id, "error": {"code": error.code, "message": error.message}})

    # --- the lifecycle ---------------------------------------------------------------------------
    def handle_message(self, message) -> None:
        method = getattr(message, "method", None)
        request = method is not None and hasattr(message, "id")
        if method == types.INITIALIZE:
            self.initialize_received = True
        elif not self.initialize_received and method not in (None, types.EXIT):
            if request:
                self.reply_error(message.id, JsonRpcServerNotInitialized(
                    f"{method}: the server is not initialized (send initialize first)"))
            else:
                log.warning("dropped %s: it came before initialize", method)
            return
        if request and self._shutdown and method != types.EXIT:
            self.reply_error(message.id, JsonRpcInvalidRequest(f"{method}: the server is shutting down"))
            return
        super().handle_message(message)


def _first_line(exc: BaseException) -> str:
    """A cattrs validation error's first concrete cause, in one line."""
    seen = exc
    while getattr(seen, "exceptions", None):
        seen = seen.exceptions[0]
    text = f"{type(seen).__name__}: {seen}" if seen is not exc else str(exc)
    return text.splitlines()[0][:300] if text else type(exc).__name__
