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
- anything else at least one opcode: 1 byte.
A lower bound: what the code does not show counts as the least pickle could write for it."""
from __future__ import annotations

import ast
import re

# flags, width, precision, length modifier, conversion type of a printf-style conversion
CONVERSION = re.compile(r"%(?:\([^)]*\))?([#0\- +]*)(\d*|\*)(?:\.(?:\d*|\*))?[hlL]?([diouxXeEfFgGcrsa%])")
NUMERIC = frozenset("diouxXeEfFgG")
MEMO_REF = 2  # BINGET and a one-byte index (more for a later entry of a large memo)
STR_FRAMING = 3  # SHORT_BINUNICODE, its length byte, MEMOIZE


def item_size(elt: ast.AST, depth: int = 0) -> int:
    """The least number of bytes pickle writes for one item made by evaluating `elt` on a comprehension's
    turn, after the first turn (whose constants are written in full and memoised)."""
    if depth > 8:
        return 1
    if isinstance(elt, ast.Dict):
        if any(k is None for k in elt.keys):  # `{**base, ...}`: entries not known
            return 2
        parts = sum(item_size(p, depth + 1) for p in (*elt.keys, *elt.values))
        return 2 + _batch(len(elt.keys)) + parts
    if isinstance(elt, ast.List):
        if any(isinstance(e, ast.Starred) for e in elt.elts):
            return 2
        return 2 + _batch(len(elt.elts)) + sum(item_size(e, depth + 1) for e in elt.elts)
    if _folded(elt):
        return MEMO_REF if not (isinstance(elt, ast.Tuple) and not elt.elts) else 1
    if isinstance(elt, ast.Tuple):
        if any(isinstance(e, ast.Starred) for e in elt.elts):
            return 2
        framing = 2 if 1 <= len(elt.elts) <= 3 else (1 if not elt.elts else 3)
        return framing + sum(item_size(e, depth + 1) for e in elt.elts)
    if isinstance(elt, ast.Constant):
        if elt.value is None or isinstance(elt.value, bool):
            return 1  # NONE, NEWTRUE, NEWFALSE
        if isinstance(elt.value, (str, bytes)):
            return MEMO_REF
        return 2  # an int or float: BININT1 with its byte at least
    text = made_text(elt)
    if text is not None and _literal_part(elt):
        return text + STR_FRAMING
    return 1  # (`f"{name}"`, `"%s" % name`: may be `name` itself, which the memo may know)


def _folded(expr: ast.AST) -> bool:
    """Does the compiler fold `expr` into one constant, the same object on every turn (pickle's memo then
    refers back to it): a tuple of constants, `"%d" % 5`, an f-string without fields."""
    if isinstance(expr, ast.Constant):
        return isinstance(expr.value, (str, bytes))
    if isinstance(expr, ast.Tuple):
        return all(isinstance(e, ast.Constant) or _folded(e) for e in expr.elts)
    if isinstance(expr, ast.BinOp):
        return all(isinstance(e, ast.Constant) or _folded(e) for e in (expr.left, expr.right))
    if isinstance(expr, ast.JoinedStr):
        return all(isinstance(v, ast.Constant) for v in expr.values)
    return False


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
        return sum(len(v.value) for v in expr.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return None
