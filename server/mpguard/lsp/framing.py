"""Cutting the client's byte stream into LSP messages, surviving framing errors.

pygls 2.1.1's reader (`pygls/io_.py::run_async`) trusts every `Content-Length`: it reads that many
bytes in one `read(n)` (10**15 ends the server with MemoryError), and after a wrong length it never
finds a header again (it only looks for one where it expects it), so the server is wedged for good.

Here the stream is searched for headers instead. A JSON body can never hold the raw header
`Content-Length: N` followed by a line break (a JSON string may not contain a raw CR or LF, and the
words cannot stand outside a string), so finding one means a new message starts there:
- bytes before a header (what is left of a message whose length was too small) are skipped;
- a header inside what a too-large length claimed for the body ends that body early;
- a length over `MAX_BODY` is not read into memory: its bytes are discarded until the next header.
Each of these is reported as a problem (logged by the caller); the messages around it still arrive.
"""
from __future__ import annotations

import re

MAX_BODY = 256 * 1024 * 1024  # bytes; VS Code does not sync documents this large to extensions anyway
MAX_HEADERS = 64 * 1024  # bytes of headers without the blank line that ends them: not a header
# Content-Length: N and a line break; the case of the name is not enforced (HTTP's habit).
HEADER = re.compile(rb"content-length[ \t]*:[ \t]*(\d+)[ \t]*\r?\n", re.IGNORECASE)
OVERLAP = 64  # bytes kept between scans so that a header split across two reads is still found
HEADERS_END = b"\r\n\r\n"


class Framer:
    """Feed it bytes as they arrive; it returns (body, problem) pairs: a body (bytes) to decode, or
    None with a problem (str) to log, or a body *and* a problem (a body cut short by the next header)."""

    def __init__(self, max_body: int = MAX_BODY):
        self.max_body = max_body
        self.buffer = bytearray()
        self.expected: int | None = None  # reading a body of this many bytes
        self.skipping = 0  # discarding an oversized body: bytes still to drop
        self.scanned = 0  # body bytes already searched for a header

    def feed(self, data: bytes) -> list[tuple[bytes | None, str | None]]:
        self.buffer += data
        out: list[tuple[bytes | None, str | None]] = []
        while True:
            if self.skipping:
                if not self._skip(out):
                    return out
            elif self.expected is not None:
                if not self._body(out):
                    return out
            elif not self._headers(out):
                return out

    # --- states ---------------------------------------------------------------------------------
    def _headers(self, out) -> bool:
        buf = self.buffer
        match = HEADER.search(buf)
        if match is None:
            if len(buf) > OVERLAP:  # no header can start in what lies before the last few bytes
                out.append((None, f"skipped {len(buf) - OVERLAP} bytes that are not an LSP header"))
                del buf[:len(buf) - OVERLAP]
            return False
        if match.start() > 0:
            out.append((None, f"skipped {match.start()} bytes before a Content-Length header (a wrong length before?)"))
            del buf[:match.start()]
            return True
        end = buf.find(HEADERS_END)
        if end < 0:
            if len(buf) > MAX_HEADERS:
                out.append((None, "a Content-Length header without the blank line that ends the headers: skipped"))
                del buf[:match.end()]
                return True
            return False
        # The last Content-Length before the blank line counts (an earlier one was left by a broken message).
        last = None
        for last in HEADER.finditer(buf, 0, end + 2):
            pass
        digits = last.group(1)
        del buf[:end + len(HEADERS_END)]
        length = int(digits) if len(digits) <= 18 else self.max_body + 1
        if length > self.max_body:
            out.append((None, f"Content-Length {digits[:30].decode()}{'...' if len(digits) > 30 else ''} is more "
                              f"than the {self.max_body:,} bytes accepted: the message is skipped"))
            self.skipping = length
            return True
        self.expected, self.scanned = length, 0
        return True

    def _body(self, out) -> bool:
        buf, expected = self.buffer, self.expected
        window = min(len(buf), expected)
        header = HEADER.search(buf, max(0, self.scanned - OVERLAP)) if window > self.scanned else None
        self.scanned = window
        if header is not None and header.start() < expected:
            # The length was too large: the next message started before the body's claimed end.
            body = bytes(buf[:header.start()])
            del buf[:header.start()]
            self.expected = None
            out.append((body, f"Content-Length was {expected} but the next message started after "
                              f"{len(body)} bytes"))
            return True
        if len(buf) < expected:
            return False
        body = bytes(buf[:expected])
        del buf[:expected]
        self.expected = None
        out.append((body, None))
        return True

    def _skip(self, out) -> bool:
        buf = self.buffer
        header = HEADER.search(buf)
        if header is not None and header.start() < self.skipping:
            del buf[:header.start()]
            self.skipping = 0
            out.append((None, "found the next message after a skipped one"))
            return True
        if len(buf) >= self.skipping:
            del buf[:self.skipping]
            self.skipping = 0
            return True
        drop = max(0, len(buf) - OVERLAP)  # keep a tail: a header may be split across reads
        del buf[:drop]
        self.skipping -= drop
        return False
