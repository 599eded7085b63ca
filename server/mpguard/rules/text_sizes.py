"""The least number of characters of the text a child makes of what it sends (MP410's payload size):
`json.dumps(report)`, `str(rows)`, `repr(table)`, `"\\n".join(lines)`. Unlike pickle, whose memo writes a key or a
constant repeated on every item once and then refers back to it, text repeats it in full on every item: the
3,000 `{"entity": "IfcWall", "status": "pass"}` of a report are 123 KB of JSON, while pickle writes 12 bytes for
each after the first (rules/pickled_items).

A lower bound, in characters (a str is sent as at least as many bytes):
- a str as an item of a container's repr or JSON is quoted (2 more), as itself (`str(s)`, an item of a join) not;
- an int has at least its digits, a float 3 (`1.5`, `inf`, `NaN`), None, True and False 4 (`null`, `true`);
- a list, tuple or set has its two brackets and a separator between items (`", "` for repr and JSON's default,
  `","` when the separators may be compact: `json.dumps(x, separators=...)`, other JSON libraries), a dict its
  entries' keys, `": "` (or `":"`) and values;
- a comprehension as many items as it surely makes (`count(comprehension)`; a set or dict one, unless its items
  are the distinct targets of a `range`);
- anything else (a name, a call of unknown result) no characters at all."""
from __future__ import annotations

import ast

from mpguard.rules.pickled_items import made_text

MAX_DEPTH = 8
SCALARS = {type(None): 4, bool: 4, float: 3}


def text_size(expr, quoted: bool, count, separator: int = 2, depth: int = 0) -> int:
    """The least characters of the text of `expr`'s value: as an item of a container's text (`quoted`: a str in
    quotes) or as itself. `count(comprehension)`: how many items it surely makes, or None; `separator`: the
    characters between two items."""
    if depth > MAX_DEPTH:
        return 0
    quotes = 2 if quoted else 0

    def inner(part, as_item=True):
        return text_size(part, as_item, count, separator, depth + 1)
    if isinstance(expr, ast.Constant):
        value = expr.value
        if isinstance(value, str):
            return len(value) + quotes
        if isinstance(value, bytes):
            return len(value) + (3 if quoted else 0)  # (b'...')
        if type(value) is int:
            return len(str(value))
        return SCALARS.get(type(value), 0)
    if isinstance(expr, (ast.List, ast.Tuple, ast.Set)):
        if any(isinstance(e, ast.Starred) for e in expr.elts):
            return 2
        return 2 + sum(inner(e) for e in expr.elts) + separator * max(0, len(expr.elts) - 1)
    if isinstance(expr, ast.Dict):
        if any(k is None for k in expr.keys):
            return 2
        entries = sum(inner(k) + separator + inner(v) for k, v in zip(expr.keys, expr.values))
        return 2 + entries + separator * max(0, len(expr.keys) - 1)
    if isinstance(expr, (ast.ListComp, ast.SetComp, ast.DictComp)):
        items = count(expr)
        if items is None or items == 0:
            return 2
        if not isinstance(expr, ast.ListComp) and not _distinct(expr):
            items = 1
        each = inner(expr.key) + separator + inner(expr.value) if isinstance(expr, ast.DictComp) else inner(expr.elt)
        return 2 + items * each + separator * (items - 1)
    text = made_text(expr)
    if text is not None:
        return text + quotes
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
        parts = inner(expr.left, False) + inner(expr.right, False)
        return parts + quotes if is_text(expr) else 0
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Mult):
        for item, times in ((expr.left, expr.right), (expr.right, expr.left)):
            if is_text(item) and isinstance(times, ast.Constant) and type(times.value) is int:
                return inner(item, False) * max(0, times.value) + quotes
        return 0
    if isinstance(expr, ast.Call) and len(expr.args) == 1 and not expr.keywords:
        name = getattr(expr.func, "id", None)
        if name == "str":
            return inner(expr.args[0], False) + quotes
        if name == "repr":
            return inner(expr.args[0], True) + quotes
    return 0


def joined_size(call, count) -> int | None:
    """The least characters of `sep.join(items)`: each item's text as itself and a separator between two;
    None when `call` is not such a join of a comprehension or a display."""
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "join"
            and isinstance(call.func.value, ast.Constant) and isinstance(call.func.value.value, str)
            and len(call.args) == 1 and not call.keywords):
        return None
    sep, items = len(call.func.value.value), call.args[0]
    if isinstance(items, (ast.ListComp, ast.GeneratorExp)):
        made = count(items)
        if not made:
            return None
        return made * text_size(items.elt, False, count) + sep * (made - 1)
    if isinstance(items, (ast.List, ast.Tuple)) and items.elts \
            and not any(isinstance(e, ast.Starred) for e in items.elts):
        return sum(text_size(e, False, count) for e in items.elts) + sep * (len(items.elts) - 1)
    return None


JSON_MODULES = frozenset({"json", "simplejson", "ujson", "orjson", "rapidjson"})


def dumped_separator(call) -> int | None:
    """The characters between two items of the JSON text `json.dumps(x)` makes: 2 (`", "`) with json's default
    separators, 1 when they may be compact (a `separators=` keyword, another JSON library); None when `call` is
    not a JSON library's `dumps`."""
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "dumps"
            and call.args):
        return None
    module = getattr(call.func.value, "id", None)
    if module not in JSON_MODULES:
        return None
    if module == "json" and not any(k.arg in ("separators", None) for k in call.keywords):
        return 2
    return 1


def is_text(expr) -> bool:
    """Does `expr` make a str or bytes: a literal, an f-string, `"..." % x`, `"x" * n`, `a + "..."`."""
    if isinstance(expr, ast.Constant):
        return isinstance(expr.value, (str, bytes))
    if isinstance(expr, ast.JoinedStr):
        return True
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Mod):
        return is_text(expr.left)
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, (ast.Add, ast.Mult)):
        return is_text(expr.left) or is_text(expr.right)
    return False


def _distinct(expr) -> bool:
    """Are a set or dict comprehension's items (keys) surely distinct: the target of its one `for` over `range`."""
    key = expr.key if isinstance(expr, ast.DictComp) else expr.elt
    generator = expr.generators[0]
    return len(expr.generators) == 1 and isinstance(key, ast.Name) and isinstance(generator.target, ast.Name) \
        and key.id == generator.target.id and isinstance(generator.iter, ast.Call) \
        and getattr(generator.iter.func, "id", None) == "range"
