"""The sizes MP410 weighs a payload by are lower bounds of what the running interpreter's pickle writes.

rules/pickled_items states the least bytes pickle writes for each kind of item, and rules/lifecycle.estimated_size
sizes what a child puts from its source. Every number is checked here against multiprocessing's own ForkingPickler
(protocol 4 on 3.10-3.13, 5 on 3.14): a bound above what pickle writes would report a queue that cannot fill the
pipe. Run this file under each interpreter to prove it there (CI runs it on 3.10-3.14).
"""
from __future__ import annotations

import ast
import json
import pickle
import pickletools
import struct
from multiprocessing.reduction import ForkingPickler

import pytest
from mpguard.rules import pickled_items as P
from mpguard.rules.lifecycle import PIPE_BUFFER, estimated_size

ENVELOPE_OPS = {"PROTO", "FRAME", "STOP"}


def dumped(value) -> bytes:
    return bytes(ForkingPickler.dumps(value))


def body(value) -> int:
    """What pickle writes for `value` itself: every opcode but PROTO, FRAME and STOP."""
    data = dumped(value)
    ops = list(pickletools.genops(data))
    total = 0
    for index, (op, _arg, pos) in enumerate(ops):
        end = ops[index + 1][2] if index + 1 < len(ops) else len(data)
        if op.name not in ENVELOPE_OPS:
            total += end - pos
    return total


def in_list(value, times: int = 50) -> float:
    """The bytes each further occurrence of `value` costs in a list (a memo reference, or the value again)."""
    return (body([value] * (times + 1)) - body([value])) / times


@pytest.mark.parametrize("value", [None, True, False, (), 0, 1, "", b""])
def test_an_unknown_item_is_at_least_one_byte(value):
    assert P.LEAST_ITEM <= body(value)
    assert P.LEAST_ITEM <= in_list(value)


@pytest.mark.parametrize("value", [0, 255, 256, 65535, 65536, -1, 2 ** 31 - 1, -2 ** 31, 2 ** 31, -2 ** 31 - 1,
                                   2 ** 64, -2 ** 64])
def test_an_int_is_written_in_full_every_time(value):
    assert P.int_size(value) == body(value) == P.constant_size(value)
    assert P.LEAST_INT <= in_list(value)  # (ints are not memoised)


@pytest.mark.parametrize("value", [0.0, 1.5, -1e300, float("inf")])
def test_a_float_is_nine_bytes_every_time(value):
    assert P.LEAST_FLOAT == body(value) <= in_list(value)  # (floats are not memoised)


@pytest.mark.parametrize("value", ["", "a", "é" * 3, "x" * 300, b"", b"a", b"x" * 300])
def test_text_is_at_least_its_characters_or_a_memo_reference(value):
    assert P.constant_size(value) <= body(value)
    assert P.LEAST_TEXT == P.MEMO_REF <= in_list(value)


@pytest.mark.parametrize("values", [range(2000), range(70000), range(-5, 300), range(300, 0, -7),
                                    range(2 ** 31 - 3, 2 ** 31 + 3), range(0)])
def test_the_ints_of_a_range(values):
    assert P.range_ints_size(values) <= body(list(values))


@pytest.mark.parametrize("value", [None, 0, 300, "", "ab", "x" * 20000, b"x" * 100_000, [1] * 3000, (None,)])
def test_one_message_is_at_least_its_length_envelope_and_body(value):
    # Connection.send_bytes writes a 4-byte length ("!i") before the pickle: the bytes the pipe receives
    assert struct.calcsize("!i") == P.MESSAGE_HEADER
    assert P.message_size(body(value)) <= P.MESSAGE_HEADER + len(dumped(value))
    assert P.message_size(0) <= P.MESSAGE_HEADER + len(dumped(None))


# (source of what a child puts) -> names it reads: each estimate must not exceed what pickle writes for the value
SHAPES = {
    "[x for x in range(2000)]": {},
    "[i * 1000 for i in range(2000)]": {},
    "[float(i) for i in range(500)]": {},
    '["x" * 100 for i in range(1000)]': {},
    '["x" * 5000 for i in range(20)]': {},
    '{"x" * 100 for i in range(1000)}': {},
    '{i: "row" for i in range(1000)}': {},
    '[f"{i}" for i in range(3000)]': {},
    '["%022d" % i for i in range(300)]': {},
    '["row %05d " % i + "x" * 60 for i in range(300)]': {},
    '[{"entity": "IfcWall", "guid": "%022d" % i, "status": "pass"} for i in range(300)]': {},
    '[(i, "name", None) for i in range(1000)]': {},
    '[[0 for _ in range(3)] for i in range(100)]': {},
    '["x" * 1000] * 100': {},
    "[None] * 1000": {},
    "[7, 300] * 100": {},
    "list(range(10000))": {},
    "bytes(range(200))": {},
    "bytes(100_000)": {},
    '"z" * 100_000': {},
    '("x" * 1000, "x" * 1000)': {},
    "(big, big, big)": {"big": "y" * 40000},
    '{"a": big, "b": big}': {"big": "y" * 40000},
    "[repr(i) for i in range(100)]": {},
    "[hash(str(i)) % 32000 for i in range(100)]": {},
    "[len(str(i)) for i in range(100)]": {},
    "[[i] for i in range(100)]": {},
    "[{i: i} for i in range(100)]": {},
    "{i: str(i) for i in range(3000)}": {},
    "[str(i) for i in range(3000)]": {},
    "[[hash(t) % 32000 for t in line.split()] for line in rows]": {"rows": ["tok%d %d word" % (i, i) for i in range(50)]},
    'json.dumps({"results": [{"entity": "IfcWall", "status": "pass"} for i in range(300)]})': {},
    'json.dumps([1.5 for i in range(300)], separators=(",", ":"))': {},
    "json.dumps([i for i in range(300)])": {},
    "str([float(i) for i in range(300)])": {},
    "repr([(i, None) for i in range(300)])": {},
    "str({i: None for i in range(300)})": {},
    '"\\n".join(["%05d" % i for i in range(300)])': {},
    '"".join("x" * 10 for i in range(300))': {},
    '",".join(["a", "bb", "ccc"])': {},
    "pickle.dumps([i for i in range(300)])": {},
    '"\\n".join([f"{i},{table},{\'x\' * 40}" for i in range(300)])': {"table": "orders"},
    '[f"{i},{\'x\' * 40}" for i in range(300)]': {},
    "5": {},
    "-70000": {},
    "1.5": {},
    "None": {},
}


@pytest.mark.parametrize("source", sorted(SHAPES))
def test_an_estimate_is_at_most_what_pickle_writes(source):
    names = SHAPES[source]
    expr = ast.parse(source, mode="eval").body
    assigned = {name: ast.parse(repr(value), mode="eval").body for name, value in names.items()}
    scope = {"json": json, "pickle": pickle, **names}  # (globals: a comprehension sees them)
    value = eval(compile(ast.Expression(expr), "<shape>", "eval"), scope)  # (the compiler folds as in a child)
    size = estimated_size(expr, assigned)
    assert size is None or size <= body(value), (size, body(value))
    assert P.message_size(size or 0) <= P.MESSAGE_HEADER + len(dumped(value))


def test_the_pipe_holds_64_kib():
    # Linux's default pipe: a writer with more than this unread blocks (the sizes say "more than", not "as much")
    import fcntl
    import os

    reader, writer = os.pipe()
    try:
        size = fcntl.fcntl(writer, getattr(fcntl, "F_GETPIPE_SZ", 1032))
    finally:
        os.close(reader)
        os.close(writer)
    assert size == PIPE_BUFFER
