"""lsp/framing.py: the byte stream cut into messages, whatever the client got wrong (no server, no I/O)."""
from __future__ import annotations

import json

from mpguard.lsp.framing import Framer


def frame(body: bytes, length: int | None = None) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % (len(body) if length is None else length) + body


def message(n: int) -> bytes:
    return json.dumps({"jsonrpc": "2.0", "id": n, "method": "textDocument/hover", "params": {"x": "é" * n}}).encode()


def bodies(events) -> list:
    return [body for body, _ in events if body is not None]


def problems(events) -> list:
    return [problem for _, problem in events if problem]


def feed_bytewise(framer: Framer, data: bytes) -> list:
    events = []
    for i in range(len(data)):
        events += framer.feed(data[i:i + 1])
    return events


def test_messages_in_one_piece_and_byte_by_byte():
    data = b"".join(frame(message(n)) for n in range(5))
    assert bodies(Framer().feed(data)) == [message(n) for n in range(5)]
    events = feed_bytewise(Framer(), data)
    assert bodies(events) == [message(n) for n in range(5)] and not problems(events)


def test_other_headers_and_any_case_are_accepted():
    data = b"content-length:%d\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" % len(message(1)) \
        + message(1)
    assert bodies(Framer().feed(data)) == [message(1)]


def test_a_too_large_length_ends_at_the_next_header():
    data = frame(message(1), len(message(1)) + 500) + frame(message(2)) + frame(message(3))
    for events in (Framer().feed(data), feed_bytewise(Framer(), data)):
        assert bodies(events) == [message(1), message(2), message(3)]
        assert any("the next message started after" in p for p in problems(events))


def test_a_too_small_length_loses_only_that_message():
    data = frame(message(1), len(message(1)) - 7) + frame(message(2))
    events = Framer().feed(data)
    assert bodies(events) == [message(1)[:-7], message(2)]  # the first is not JSON: the caller answers -32700
    assert any("skipped 7 bytes" in p for p in problems(events))


def test_a_huge_length_is_skipped_without_reading_it_into_memory():
    framer = Framer()
    events = framer.feed(b"Content-Length: 1000000000000000\r\n\r\n")
    for _ in range(100):
        events += framer.feed(b"x" * 100_000)
        assert len(framer.buffer) <= 100_000  # never the whole claimed body
    events += framer.feed(frame(message(4)))
    assert bodies(events) == [message(4)]
    assert any("1000000000000000 is more than" in p for p in problems(events))


def test_a_length_with_thousands_of_digits_is_over_the_cap():
    events = Framer().feed(b"Content-Length: " + b"9" * 5000 + b"\r\n\r\n" + frame(message(5)))
    assert bodies(events) == [message(5)]


def test_a_body_may_mention_content_length_in_a_string():
    body = json.dumps({"jsonrpc": "2.0", "method": "x", "params": {"text": "Content-Length: 12\r\n\r\n{}"}}).encode()
    assert b"\r\n" not in body  # escaped inside a JSON string: not a header
    assert bodies(Framer().feed(frame(body) + frame(message(6)))) == [body, message(6)]


def test_garbage_and_unterminated_headers_are_skipped():
    data = b"garbage\r\n\r\n" + b"Content-Length: 10\r\n" + b"y" * 70_000 + frame(message(7))
    events = Framer().feed(data)
    assert bodies(events) == [message(7)]
    assert problems(events)
