"""The least number of bytes pickle writes for each item a comprehension makes (MP410's payload size): a
list of 1,200 small dicts is sized by the opcodes every item costs, not only by the text the code shows.

Pickle (protocol 4 and up, multiprocessing's default) writes, for every item of a comprehension:
- a dict or list display: EMPTY_DICT / EMPTY_LIST and MEMOIZE, then SETITEM / APPEND for one entry, or MARK
  and SETITEMS / APPENDS for more (4 bytes with two entries or more, 3 with one, 2 with none);
- a tuple display of one to three items: TUPLE1..3 and MEMOIZE (2 bytes); of more, MARK, TUPLE and MEMOIZE;
- a constant the display names (`"rule"`), or one the compiler folds (`("a", 1)`, `"%d" % 5`): the same object on
  every turn, so pickle's memo refers back to it, BINGET and its index, at least 2 bytes;
- text made anew on every turn (`"IfcWall_%05d" % i`): SHORT_BINUNICODE, its length, the characters and a
  MEMOIZE, at least the characters plus 3; a `%` conversion makes at least as many characters as its width
  (and a number at least one);
- an int at least BININT1 and its byte (2; ints are never memoised: every one is written), a float BINFLOAT and
  its 8 bytes (9), the text of `repr(...)` at least one character (4);
- anything else at least one opcode: 1 byte (NONE, NEWTRUE, NEWFALSE, EMPTY_TUPLE).
A lower bound: what the code does not show counts as the least pickle could write for it.

One put or send is one message on the pipe (`Connection.send_bytes`): a 4-byte length, then the pickle: PROTO and
its byte, a FRAME opcode and its 8-byte length when the frame holds 4 bytes or more, the body, STOP
(`message_size`). A str or bytes of 64 KiB or more is written outside any frame: a FRAME is counted only for a body
known to be smaller than that by more than the FRAME itself and the opcodes around such a str (a message with
one is larger than the pipe on its own anyway). tests/test_pickle_floors.py checks every number here against the running interpreter."""
from __future__ import annotations

import ast
import re

# flags, width, precision, length modifier, conversion type of a printf-style conversion
CONVERSION = re.compile(r"%(?:\([^)]*\))?([#0\- +]*)(\d*|\*)(?:\.(?:\d*|\*))?[hlL]?([diouxXeEfFgGcrsa%])")
NUMERIC = frozenset("diouxXeEfFgG")
COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp)
MEMO_REF = 2  # BINGET and a one-byte index (more for a later entry of a large memo)
STR_FRAMING = 3  # SHORT_BINUNICODE, its length byte, MEMOIZE
LEAST_ITEM = 1  # an object of unknown kind: NONE, NEWTRUE, NEWFALSE or EMPTY_TUPLE
LEAST_INT = 2  # BININT1 and its byte
LEAST_FLOAT = 9  # BINFLOAT and its 8 bytes
LEAST_TEXT = MEMO_REF  # a str or bytes of unknown length: a BINGET when the same object came earlier
MESSAGE_HEADER = 4  # Connection.send_bytes: the length as "!i"
ENVELOPE = 3  # PROTO and its byte, STOP
FRAME = 9  # FRAME and its 8-byte length
FRAME_SIZE_MIN = 4  # the least a frame holds (STOP included) for pickle to write its FRAME opcode
FRAMED_BELOW = 64 * 1024 - 16  # a body that may hold a str of 64 KiB (written outside frames) is not framed here
INT_CALLS = frozenset({"int", "len", "ord", "hash", "round", "sum"})  # (sum: of ints, or a float, both at least 2)
# a new str of a character or more (not str(), chr(), format(): they may give back an object seen before)
TEXT_CALLS = frozenset({"repr", "ascii", "hex", "oct", "bin"})


def message_size(body: int) -> int:
    """The least bytes one put or send writes to the pipe when pickle writes at least `body` bytes for the
    object itself."""
    body = max(body, LEAST_ITEM)
    framed = FRAME_SIZE_MIN <= body + 1 and body < FRAMED_BELOW
    return MESSAGE_HEADER + ENVELOPE + body + (FRAME if framed else 0)


def constant_size(value) -> int:
    """The bytes pickle writes for a constant the code names (str and bytes: their characters only, as
    estimated sizes count them; the memo may refer back to them)."""
    if value is None or isinstance(value, bool) or value is ...:
        return 1 if value is not ... else LEAST_ITEM
    if isinstance(value, int):
        return int_size(value)
    if isinstance(value, float):
        return LEAST_FLOAT
    if isinstance(value, (str, bytes)):
        return len(value)
    return LEAST_ITEM


def int_size(value: int) -> int:
    """BININT1 (0..255), BININT2 (..65535), BININT (a signed 32-bit int), else LONG1 and its bytes."""
    if 0 <= value < 256:
        return 2
    if 0 <= value < 65536:
        return 3
    if -2 ** 31 <= value < 2 ** 31:
        return 5
    return 2 + (value.bit_length() + 8) // 8  # (two's complement, with a sign bit)


def range_ints_size(values: range) -> int:
    """The bytes pickle writes for the ints of `values`, each by its band (BININT1, BININT2, BININT, LONG1
    counted as BININT: a lower bound)."""
    if values.step < 0:
        values = values[::-1]
    total = 0
    for low, high, size in ((-2 ** 31, 0, 5), (0, 256, 2), (256, 65536, 3), (65536, 2 ** 31, 5)):
        total += size * _count_between(values, low, high)
    return total + 5 * (len(values) - _count_between(values, -2 ** 31, 2 ** 31))


def _count_between(values: range, low: int, high: int) -> int:
    """How many of the increasing `values` are in [low, high)."""
    if not values:
        return 0
    first = max(0, -(-(low - values.start) // values.step))
    last = min(len(values), max(0, -(-(high - values.start) // values.step)))
    return max(0, last - first)


def item_size(elt: ast.AST, depth: int = 0, ints: frozenset = frozenset(), fresh=None) -> int:
    """The least number of bytes pickle writes for one item made by evaluating `elt` on a comprehension's
    turn, after the first turn (whose constants are written in full and memoised). `ints`: names known to hold
    ints (the target of a `range`); `fresh(expr)`: the estimated size of text an expression makes anew on each
    turn (it reads what the turn binds), or None."""
    if depth > 8:
        return 1
    return _item(elt, depth, ints, fresh)


def _item(elt, depth, ints, fresh) -> int:
    if depth > 8:
        return 1
    if isinstance(elt, ast.Dict):
        if any(k is None for k in elt.keys):  # `{**base, ...}`: entries not known
            return 2
        parts = sum(_item(p, depth + 1, ints, fresh) for p in (*elt.keys, *elt.values))
        return 2 + _batch(len(elt.keys)) + parts
    if isinstance(elt, ast.List):
        if any(isinstance(e, ast.Starred) for e in elt.elts):
            return 2
        return 2 + _batch(len(elt.elts)) + sum(_item(e, depth + 1, ints, fresh) for e in elt.elts)
    if folded(elt):
        return MEMO_REF if not (isinstance(elt, ast.Tuple) and not elt.elts) else 1
    if isinstance(elt, ast.Tuple):
        if any(isinstance(e, ast.Starred) for e in elt.elts):
            return 2
        framing = 2 if 1 <= len(elt.elts) <= 3 else (1 if not elt.elts else 3)
        return framing + sum(_item(e, depth + 1, ints, fresh) for e in elt.elts)
    if isinstance(elt, ast.Constant):
        if elt.value is None or isinstance(elt.value, bool):
            return 1  # NONE, NEWTRUE, NEWFALSE
        if isinstance(elt.value, (str, bytes)):
            return MEMO_REF
        return constant_size(elt.value)  # (ints and floats are not memoised: written on every turn)
    if isinstance(elt, ast.Name):
        return LEAST_INT if elt.id in ints else LEAST_ITEM
    least = LEAST_ITEM  # (`f"{name}"`, `"%s" % name`: may be `name` itself, which the memo may know)
    text = made_text(elt)
    if text is not None and (_literal_part(elt) or text >= 2 and _only_numbers(elt)):
        least = text + STR_FRAMING
    if isinstance(elt, COMPREHENSIONS):  # EMPTY_LIST, EMPTY_SET or EMPTY_DICT and MEMOIZE: a new one every turn
        return 2 + ((fresh(elt) or 0) if fresh is not None else 0)
    if int_made(elt, ints):
        least = LEAST_INT
    if isinstance(elt, ast.Call) and isinstance(elt.func, ast.Name) and elt.args and not elt.keywords:
        if elt.func.id == "float":
            least = LEAST_FLOAT
        elif elt.func.id in INT_CALLS:
            least = LEAST_INT
        elif elt.func.id in TEXT_CALLS or elt.func.id == "str" and int_made(elt.args[0], ints):
            least = 1 + STR_FRAMING  # (the digits of an int: a new str)
    if fresh is not None and isinstance(elt, (ast.BinOp, ast.Call, ast.JoinedStr, *COMPREHENSIONS)):
        least = max(least, fresh(elt) or 0)
    return least


FOLD_LIMIT = 4096  # the compiler folds `"x" * n` into one constant up to this many characters


def made_per_turn(expr: ast.AST, turn_names) -> bool:
    """Is `expr` a new object on every turn of a loop, so that pickle writes it in full every time: it reads a
    name the turn binds (`str(i)`, `"row %d" % i`), or it repeats text into more characters than the compiler
    folds (`log + "x" * 20000` is made anew each time). Other text may be the same object every turn (a
    folded constant, a name bound before the loop): the memo then refers back to it."""
    if isinstance(expr, COMPREHENSIONS):
        return True  # (a new list, set or dict on every turn)
    for node in ast.walk(expr):
        if isinstance(node, ast.Name) and node.id in turn_names:
            return True
        if _long_repeat(node):
            return True
    return False


def _long_repeat(node) -> bool:
    """`"x" * 20000`: constant text repeated into more characters than the compiler folds."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
        for text, count in ((node.left, node.right), (node.right, node.left)):
            if isinstance(text, ast.Constant) and isinstance(text.value, (str, bytes)) and text.value \
                    and isinstance(count, ast.Constant) and type(count.value) is int \
                    and len(text.value) * count.value > FOLD_LIMIT:
                return True
    return False


def folded(expr: ast.AST) -> bool:
    """Does the compiler fold `expr` into one constant, the same object on every turn (pickle's memo then
    refers back to it): a tuple of constants, `"%d" % 5`, an f-string without fields."""
    if isinstance(expr, ast.Constant):
        return isinstance(expr.value, (str, bytes))
    if isinstance(expr, ast.Tuple):
        return all(isinstance(e, ast.Constant) or folded(e) for e in expr.elts)
    if isinstance(expr, ast.BinOp):
        if _long_repeat(expr):
            return False  # (made when it runs: more characters than the compiler folds)
        return all(isinstance(e, ast.Constant) or folded(e) for e in (expr.left, expr.right))
    if isinstance(expr, ast.JoinedStr):
        return all(isinstance(v, ast.Constant) for v in expr.values)
    return False


ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.Mod, ast.FloorDiv, ast.BitAnd, ast.BitOr, ast.BitXor, ast.LShift,
              ast.RShift)


def int_made(expr, ints=frozenset()) -> bool:
    """Does `expr` surely make an int: an int constant, a name of `ints`, `len()`/`hash()`/..., arithmetic of such
    (`hash(tok) % 32000`; not `/`, which makes a float)."""
    if isinstance(expr, ast.Constant):
        return type(expr.value) is int
    if isinstance(expr, ast.Name):
        return expr.id in ints
    if isinstance(expr, ast.Call):
        return isinstance(expr.func, ast.Name) and expr.func.id in INT_CALLS - {"sum", "round"} and bool(expr.args) \
            and not expr.keywords
    if isinstance(expr, ast.UnaryOp):
        return isinstance(expr.op, (ast.USub, ast.UAdd, ast.Invert)) and int_made(expr.operand, ints)
    if isinstance(expr, ast.BinOp):
        return isinstance(expr.op, ARITHMETIC) and int_made(expr.left, ints) and int_made(expr.right, ints)
    return False


def least_words(expr) -> int | None:
    """The least number of words `text.split()` gives for text made by `expr`: a `%` format or an f-string, its
    literal text with each number conversion standing for one character and every other field for none (adding
    characters to text never makes fewer words); None for any other expression."""
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Mod) and isinstance(expr.left, ast.Constant) \
            and isinstance(expr.left.value, str):
        def stand_in(match):
            kind = match.group(3)
            return "%" if kind == "%" else ("0" if kind in NUMERIC else "")
        return len(CONVERSION.sub(stand_in, expr.left.value).split())
    if isinstance(expr, ast.JoinedStr):
        return len("".join(v.value if isinstance(v, ast.Constant) else "" for v in expr.values).split())
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return len(expr.value.split())
    return None


def _only_numbers(expr) -> bool:
    """`"%022d" % i`: conversions that all format numbers make a new str (two characters or more are never a
    cached one); `%s` may give back the str it was given."""
    if not isinstance(expr, ast.BinOp):
        return False
    kinds = [match.group(3) for match in CONVERSION.finditer(expr.left.value)]
    return bool(kinds) and all(kind in NUMERIC for kind in kinds)


def _literal_part(expr) -> bool:
    """Does the text have characters of its own besides its fields: then it is a new str on every turn."""
    if isinstance(expr, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and v.value for v in expr.values)
    return bool(CONVERSION.sub("", expr.left.value))


def _batch(entries: int) -> int:
    """SETITEM/APPEND for one entry, MARK and SETITEMS/APPENDS for more; nothing for none."""
    return 0 if entries == 0 else (1 if entries == 1 else 2)


def made_text(expr: ast.AST) -> int | None:
    """The least number of characters of a str that `expr` makes anew: `"..." % args` (the literal text
    and each conversion's least width), an f-string (its literal parts); None when it is not such text."""
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Mod) and isinstance(expr.left, ast.Constant) \
            and isinstance(expr.left.value, str):
        text = expr.left.value
        least, at = 0, 0
        for match in CONVERSION.finditer(text):
            least += match.start() - at
            at = match.end()
            flags, width, kind = match.groups()
            if kind == "%":
                least += 1
                continue
            floor = 1 if kind in NUMERIC or kind in "cra" else 0  # `%s` of "" makes nothing
            least += max(int(width) if width.isdigit() else 0, floor)
        return least + len(text) - at
    if isinstance(expr, ast.JoinedStr):
        return sum(len(v.value) if isinstance(v, ast.Constant) else _field_text(v) for v in expr.values)
    return None


def _field_text(field) -> int:
    """The characters of an f-string's field whose value is constant text (`{'x' * 40}`) formatted as it is;
    any other field counts for none."""
    if not isinstance(field, ast.FormattedValue) or field.format_spec is not None or field.conversion not in (-1, 115):
        return 0
    value = field.value
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return len(value.value)
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Mult):
        for text, count in ((value.left, value.right), (value.right, value.left)):
            if isinstance(text, ast.Constant) and isinstance(text.value, str) and isinstance(count, ast.Constant) \
                    and type(count.value) is int:
                return len(text.value) * max(0, count.value)
    return 0
