"""Syntax of newer Pythons, lowered in place to text the running parser reads.

mpguard parses with the interpreter it runs on, so on Python 3.11 a module that is valid Python 3.12
(`class Box[T]:`, `f"{row["name"]}"`) would not parse and none of its hazards would be checked. When,
and only when, a text does not parse, `lower` rewrites the constructs of newer grammars into text of
the running grammar, character for character: every line break stays where it was, and every
character outside a rewrite keeps its row and its UTF-8 byte column (the unit of `ast` columns, which
`text/source.py` turns into code points), so a finding lands where it would on the newer Python.

What each rewrite keeps (only the constructs the running Python lacks are rewritten):

- type parameters, PEP 695 (3.12) and their defaults, PEP 696 (3.13): `def f[T: int](x)` and
  `class C[T](Base)` lose the bracket (blanks; a bracket over several rows ends each row with `\\`).
  The names it binds are only annotations.
- `type X[T] = value` (3.12) becomes `pass;X    = value`: X keeps its column, the value is read as an
  ordinary assignment's (Python evaluates it lazily; no rule cares).
- f-strings only Python 3.12's tokenizer reads, PEP 701 (a quote of the string's own kind, a
  backslash, a comment or a line break in a replacement field) become `""[e1, e2]`: a str-valued
  expression with every replacement field's expression at its own place. Other f-strings are kept.
- t-strings, PEP 750 (3.14), become f-strings (`t` -> `f`), or as above.
- `except A, B:`, PEP 758 (3.14), becomes `except A| B:`; `except*` (3.11) on 3.10 becomes `except `.
- on 3.10, the stars of PEP 646 (3.11) go: `x[*Ts]` becomes `x[ Ts]`, `def f(*args: *Ts)` `*args:  Ts`.
- 3.15: `lazy import x` (PEP 810, module level) becomes `pass;import x`; `[*xs for xs in xss]` (PEP
  798) loses its star, `{**d for d in ds}` its two.

Lowering does not hide errors: every rewrite checks the construct it replaces (a type parameter list
is parsed piece by piece, a conversion must be `!r`, `!s` or `!a`, ...), and `text.newer_parse`
reports the first error of the lowered text as the file's own when it is outside the rewritten
constructs. A text the scanner cannot follow (an unterminated string, mid-edit) is not lowered at all.
"""
from __future__ import annotations

import ast
import re
import sys
import warnings
from dataclasses import dataclass, field

Version = tuple  # (major, minor)

TYPE_PARAMS = ((3, 12), "type parameters (PEP 695)")
TYPE_DEFAULTS = ((3, 13), "type parameter defaults (PEP 696)")
TYPE_STATEMENT = ((3, 12), "a `type` statement (PEP 695)")
FSTRING = ((3, 12), "an f-string with quotes, backslashes, comments or line breaks in a replacement field (PEP 701)")
TSTRING = ((3, 14), "a template string (PEP 750)")
EXCEPT_LIST = ((3, 14), "`except` with several types and no parentheses (PEP 758)")
EXCEPT_STAR = ((3, 11), "`except*` (PEP 654)")
STAR_EXPRESSION = ((3, 11), "a star in a subscript or in `*args: *Ts` (PEP 646)")
LAZY_IMPORT = ((3, 15), "a `lazy` import (PEP 810)")
UNPACKING_COMPREHENSION = ((3, 15), "unpacking in a comprehension (PEP 798)")

# Every token that matters for following the structure; whitespace and other operators are skipped.
_CODE = re.compile(r"""
    (?P<nl>\r\n|\r|\n)
  | (?P<comment>\#[^\r\n]*)
  | (?P<cont>\\(?:\r\n|\r|\n))
  | (?P<word>\w+)
  | (?P<quote>'''|\"\"\"|'|")
  | (?P<open>[(\[{])
  | (?P<close>[)\]}])
  | (?P<op>==|!=|<=|>=|:=|->|\*\*=?|\*=?|[;:!=,\\])
""", re.VERBOSE)
_PREFIXES = frozenset({"r", "u", "b", "br", "rb", "f", "fr", "rf", "t", "tr", "rt"})
_PLAIN_BODY = {  # the rest of a string without replacement fields, after its opening quote
    "'": re.compile(r"[^\r\n'\\]*(?:\\(?:\r\n|[\s\S])[^\r\n'\\]*)*'"),
    '"': re.compile(r'[^\r\n"\\]*(?:\\(?:\r\n|[\s\S])[^\r\n"\\]*)*"'),
    "'''": re.compile(r"[^'\\]*(?:(?:\\[\s\S]|'(?!''))[^'\\]*)*'''"),
    '"""': re.compile(r'[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*"""'),
}
_LITERAL_STOP = {q: re.compile(r"[{}\\]|" + re.escape(q) + ("" if len(q) == 3 else r"|[\r\n]"))
                 for q in ("'", '"', "'''", '"""')}
_SPEC_STOP = re.compile(r"""[{}\\'"\r\n]""")
_NAME = r"[^\W\d]\w*"
_DEFINITION = re.compile(rf"(?:async[ \t]+)?def[ \t]+{_NAME}[ \t]*(?=\[)|class[ \t]+{_NAME}[ \t]*(?=\[)")
_TYPE_STATEMENT = re.compile(rf"type[ \t]+{_NAME}[ \t]*")
_ASSIGN = re.compile(r"[ \t]*=(?!=)")
_EXCEPT = re.compile(r"except(?:[ \t]*(\*))?")
_LAZY_IMPORT = re.compile(r"lazy[ \t]+(?=import\b|from\b)(?![^\r\n;]*import[ \t]*\*)")
_SELF_DOCUMENTING = re.compile(r"\s*[}!:]")
_BLANKS = re.compile(r"\s*")
_TYPE_PARAM = re.compile(rf"\s*(\*{{0,2}})\s*({_NAME})\s*(?::(?P<bound>[^=]*))?(?:=(?P<default>[\s\S]*))?\Z")
_COMMENT = re.compile(r"#[^\r\n]*")
_STARRED_PARAMETER = re.compile(rf"[(,]\s*\*\s*{_NAME}\s*:\s*\Z")  # before the star of `*args: *Ts`
_KEYWORDS = frozenset({"and", "as", "assert", "async", "await", "del", "elif", "else", "except", "for", "from",
                       "if", "import", "in", "is", "lambda", "not", "or", "raise", "return", "while", "with",
                       "yield", "case", "match"})


class _Unlowerable(Exception):
    """The scanner cannot follow the text (it is not valid in any grammar it knows)."""


@dataclass
class Lowered:
    text: str
    # (start, end, version, what): the text of each construct rewritten, for telling an error the
    # lowering left (inside one) from an error of the file (outside all of them).
    regions: list = field(default_factory=list)
    kept: list = field(default_factory=list)  # (start, end) of the f-strings left as they were
    forced: frozenset = frozenset()  # the starts of f-strings lowered because the parser stopped in them
    expressions: dict = field(default_factory=dict)  # start of a lowered f-string -> its fields' expressions

    def region_at(self, offset: int):
        """(start, end, version, what) of the rewritten construct that holds `offset`, if one does."""
        return next((region for region in self.regions if region[0] <= offset <= region[1]), None)

    def kept_at(self, offset: int) -> int | None:
        """The start of the f-string left as it was that holds `offset`, if one does."""
        return next((start for start, end in self.kept if start <= offset <= end + 1), None)  # 3.11 may point past it


def lower(text: str, running: Version | None = None, forced: frozenset = frozenset()) -> Lowered | None:
    """`text` with the constructs of grammars newer than `running` (the interpreter's version) rewritten,
    positions kept; None when there is nothing to rewrite or the text cannot be followed. Never raises.
    `forced`: starts of f-strings to lower even if they look readable to the running Python."""
    running = tuple(running or sys.version_info[:2])
    try:
        scanner = _Scanner(text, running, forced)
        scanner.module()
        return scanner.result()
    except _Unlowerable:
        return None
    except Exception:  # noqa: BLE001 - a scanner bug costs the lowering, never the analysis
        return None


@dataclass
class _FString:
    start: int
    prefix_end: int  # offset of the opening quote
    quote: str
    end: int = 0
    fields: list = field(default_factory=list)  # (start, end) of each replacement field's expression
    field_texts: list = field(default_factory=list)  # the text between `{` and the field's `}`
    lowered: bool = False
    deep: bool = False  # a replacement field in the format spec of one in a format spec
    plus: bool = False  # another string follows: the lowered form ends with `+`


class _Scanner:
    def __init__(self, text: str, running: Version, forced: frozenset = frozenset()):
        self.text = text
        self.running = running
        self.forced = forced
        self.kept: list[tuple[int, int]] = []
        self.expressions: dict[int, list[str]] = {}
        self.spec_depth = 0  # format specs around the replacement field being scanned
        self.rewrites: list[tuple[int, int, str]] = []  # (start, end, replacement)
        self.regions: list[tuple[int, int, Version, str]] = []
        self.fstrings: list[_FString] = []  # lowered to `""[...]`, in the order they end
        self.after: _FString | None = None  # the lowered f-string just before, if only trivia followed it

    def needs(self, what) -> bool:
        return what[0] > self.running

    # ---- code -----------------------------------------------------------------------------------
    def module(self) -> None:
        self.code(0, "module")

    def code(self, pos: int, mode: str):
        """Scan code from `pos`. mode "module": to the end; "bracket": to the bracket closing at depth 0
        (returns the offset after it, the depth-0 commas); "field": to the end of a replacement field's
        expression (returns its offset); "except": to the clause's `:` (returns it, the depth-0 commas, and
        whether an `as` came)."""
        text = self.text
        brackets: list[str] = []  # the open brackets: "(", "{", "[" (a list) or "s" (a subscript)
        unpacked: list = []  # per open bracket: (offset, length) of a `*`/`**` just inside it, until a `,`
        statement = mode == "module"  # at the start of a statement
        previous = ""  # the last token that is not a line break or a comment ("a" for a name or a literal)
        commas: list[int] = []
        has_as = False
        search = _CODE.search
        while True:
            m = search(text, pos)
            if m is None:
                if mode == "module":
                    return len(text)
                raise _Unlowerable
            kind = m.lastgroup
            start, pos = m.start(), m.end()
            if kind == "nl":
                if not brackets and mode == "module":
                    statement, self.after, previous = True, None, ""
                continue
            if kind in ("comment", "cont"):
                continue
            if kind == "word":
                word = m.group()
                if pos < len(text) and text[pos] in "'\"" and word.lower() in _PREFIXES:
                    pos = self.string(start, pos)
                    statement, previous = False, "a"
                    continue
                self.after = None
                if statement:
                    pos = self.statement(start, word) or pos
                elif mode == "except" and not brackets and word == "as":
                    has_as = True
                elif word == "for" and unpacked and unpacked[-1] is not None:
                    self.comprehension_unpacking(*unpacked[-1])  # `[*xs for xs in xss]`
                    unpacked[-1] = None
                statement, previous = False, "k" if word in _KEYWORDS else "a"
                continue
            if kind == "quote":
                pos = self.string(start, start)
                statement, previous = False, "a"
                continue
            self.after = None
            token = m.group()
            if kind == "open":
                brackets.append("s" if token == "[" and previous in ("a", ")") else token)
                unpacked.append(None)
            elif kind == "close":
                if not brackets:
                    if mode == "bracket":
                        return pos, commas
                    if mode == "field" and token == "}":
                        return start
                    if mode != "module":
                        raise _Unlowerable
                else:
                    brackets.pop()
                    unpacked.pop()
                token = ")"  # what came before a `[` that is a subscript
            elif token in ("*", "**") and brackets and brackets[-1] != "s" and previous in ("(", "[", "{"):
                unpacked[-1] = (start, len(token))
            elif token == "*" and self.needs(STAR_EXPRESSION) and brackets:
                self.star(start, brackets[-1], previous)
            elif not brackets:
                if mode == "module" and token in (";", ":"):
                    statement, previous = True, token
                    continue
                if mode == "field" and (token in (":", "!", ":=") or token == "=" and _SELF_DOCUMENTING.match(text, pos)):
                    return start
                if mode == "except" and token in (":", ":="):
                    return start, commas, has_as
                if mode in ("except", "bracket") and token == ",":
                    commas.append(start)
            if token == "," and unpacked:
                unpacked[-1] = None
            statement, previous = False, token

    def comprehension_unpacking(self, at: int, length: int) -> None:
        """PEP 798 (3.15): `[*xs for xs in xss]`, `{**d for d in ds}` lose the stars."""
        if self.needs(UNPACKING_COMPREHENSION):
            self.rewrites.append((at, at + length, " " * length))
            self.regions.append((at, at + length, *UNPACKING_COMPREHENSION))

    def star(self, at: int, bracket: str, previous: str) -> None:
        """PEP 646 (3.11) on 3.10: `x[*Ts]` and `def f(*args: *Ts)` lose the star."""
        if bracket == "s" and previous in ("s", "[", ","):
            pass  # `Generic[*Ts]`, `x[a, *b]`
        elif not (bracket == "(" and previous == ":" and _STARRED_PARAMETER.search(self.text, max(0, at - 300), at)):
            return
        self.rewrites.append((at, at + 1, " "))
        self.regions.append((at, at + 1, *STAR_EXPRESSION))

    def statement(self, start: int, word: str) -> int | None:
        """Rewrite the newer statement starting at `start`, if it is one; the offset to go on from."""
        if word in ("def", "async", "class"):
            m = _DEFINITION.match(self.text, start)
            if m is None:
                return None
            return self.type_params(m.end(), start)[0]
        if word == "type":
            return self.type_statement(start)
        if word == "except":
            return self.except_clause(start)
        if word == "lazy":
            return self.lazy_import(start)
        return None

    def lazy_import(self, start: int) -> int | None:
        """`lazy import x` at module level (PEP 810; elsewhere it is an error) becomes `pass;import x`."""
        m = _LAZY_IMPORT.match(self.text, start)
        if m is None or (start and self.text[start - 1] not in "\r\n") or not self.needs(LAZY_IMPORT):
            return None
        self.rewrites.append((start, start + 5, "pass;"))
        self.regions.append((start, m.end(), *LAZY_IMPORT))
        return m.end()

    def type_params(self, open_at: int, start: int, rewrite: bool = True):
        """Blank the type parameter list opening at `open_at` (a `[`) when the running Python lacks it
        and it is well formed. (offset after it, what it needs or None)."""
        text = self.text
        kept = len(self.rewrites), len(self.fstrings), len(self.regions)
        end, commas = self.code(open_at + 1, "bracket")
        del self.rewrites[kept[0]:], self.fstrings[kept[1]:], self.regions[kept[2]:]  # all blank anyway
        what = _type_params_need(text, open_at + 1, end - 1, commas)
        if what is None or not self.needs(what):
            return end, None
        if rewrite:
            self.blank(open_at, end, continued=True)
            self.regions.append((start, end, *what))
        return end, what

    def type_statement(self, start: int) -> int | None:
        text = self.text
        m = _TYPE_STATEMENT.match(text, start)
        if m is None:
            return None
        end, what = m.end(), TYPE_STATEMENT
        if text.startswith("[", end):
            end, params = self.type_params(end, start, rewrite=False)
            if params is None and self.needs(TYPE_STATEMENT):
                return end  # malformed parameters: leave the error to the parser
            what = max(what, params or what)
        assign = _ASSIGN.match(text, end)
        if assign is None or not self.needs(what):
            return None
        if end > m.end():
            self.blank(m.end(), end, continued=True)
        self.rewrites.append((start, start + 5, "pass;"))  # `type` and one blank: X keeps its column
        self.regions.append((start, assign.end(), *what))
        return assign.end()

    def except_clause(self, start: int) -> int | None:
        text = self.text
        m = _EXCEPT.match(text, start)
        if m is None or (m.group(1) is None and text[m.end():m.end() + 1].isidentifier()):
            return None  # `exceptional = 1`
        colon, commas, has_as = self.code(m.end(), "except")
        if m.group(1) is not None and self.needs(EXCEPT_STAR):
            self.rewrites.append((m.start(1), m.end(1), " "))
            self.regions.append((start, m.end(), *EXCEPT_STAR))
        if commas and not has_as and self.needs(EXCEPT_LIST):
            bounds = [m.end()] + [c + 1 for c in commas]
            pieces = [_COMMENT.sub("", text[a:b]) for a, b in zip(bounds, commas + [colon])]
            filled = [bool(piece.strip()) for piece in pieces]
            if all(filled[:-1]) and all(is_expression(piece) for piece in pieces if piece.strip()):  # `except A, , B:` stays an error; `except A, B,:` is a tuple of two
                marks = ["|"] * len(commas) if filled[-1] else ["|"] * (len(commas) - 1) + [" "]
                self.rewrites.extend((c, c + 1, mark) for c, mark in zip(commas, marks))
                self.regions.append((start, colon, *EXCEPT_LIST))
        return colon

    # ---- strings --------------------------------------------------------------------------------
    def string(self, start: int, quote_at: int) -> int:
        """Scan the string literal starting at `start` (its prefix) whose quote is at `quote_at`; the
        offset after it."""
        text = self.text
        quote = text[quote_at:quote_at + 3]
        if quote not in ("'''", '"""'):
            quote = text[quote_at]
        if self.after is not None:
            self.after.plus = True  # `f"{x}" "y"` lowered: `""[x]+"y"`
            self.after = None
        prefix = text[start:quote_at].lower()
        if "f" not in prefix and "t" not in prefix:
            m = _PLAIN_BODY[quote].match(text, quote_at + len(quote))
            if m is None:
                raise _Unlowerable  # unterminated
            return m.end()
        return self.fstring(_FString(start, quote_at, quote), raw="r" in prefix, template="t" in prefix)

    def fstring(self, f: _FString, raw: bool, template: bool) -> int:
        text, quote = self.text, f.quote
        stop = _LITERAL_STOP[quote]
        pos = f.prefix_end + len(quote)
        while True:
            m = stop.search(text, pos)
            if m is None:
                raise _Unlowerable
            at, char = m.start(), m.group()
            if char == quote:
                f.end = m.end()
                break
            if char in "\r\n":
                raise _Unlowerable  # unterminated single-quoted string
            if char == "\\":
                if not raw and text.startswith("N{", at + 1):
                    close = text.find("}", at + 3)
                    if close < 0:
                        raise _Unlowerable
                    pos = close + 1
                elif text.startswith(("{", "}"), at + 1):
                    pos = at + 1
                else:
                    pos = at + (3 if text.startswith("\r\n", at + 1) else 2)
            elif char == "{":
                if text.startswith("{", at + 1):
                    pos = at + 2
                else:
                    pos = self.replacement_field(at + 1, f)
            elif text.startswith("}", at + 1):  # `}}`
                pos = at + 2
            else:
                raise _Unlowerable  # a single `}`
        self.after = None
        if self.running < (3, 12) and (f.start in self.forced or self.fstring_needs_312(f)):
            f.lowered = True
            self.fstrings.append(f)
            self.expressions[f.start] = [text[a:b] for a, b in f.fields]
            self.regions.append((f.start, f.end, *(TSTRING if template and self.needs(TSTRING) else FSTRING)))
            self.after = f
        elif template and self.needs(TSTRING):
            t = f.start + text[f.start:f.prefix_end].lower().index("t")
            self.rewrites.append((t, t + 1, "f" if text[t] == "t" else "F"))
            self.regions.append((f.start, f.end, *TSTRING))
        if not f.lowered and f.fields and self.running < (3, 12):
            self.kept.append((f.start, f.end))
        return f.end

    def replacement_field(self, pos: int, f: _FString) -> int:
        """Scan the field whose `{` is just before `pos`; the offset after its `}`."""
        text = self.text
        self.after = None
        end = self.code(pos, "field")
        expression = text[pos:end]
        if not _COMMENT.sub("", expression).strip():
            raise _Unlowerable  # `{}`: "valid expression required"
        f.fields.append((pos, end))
        f.deep = f.deep or self.spec_depth >= 2  # `f"{x:{y:{z}}}"`: "expressions nested too deeply" before 3.12
        at = end
        if text[at] == "=":
            at = _SELF_DOCUMENTING.match(text, at + 1).end() - 1
        if text[at] == "!":
            if text[at + 1:at + 2] not in ("r", "s", "a"):
                raise _Unlowerable  # "invalid conversion character"
            at = _BLANKS.match(text, at + 2).end()  # `{x!r\n}` is 3.12 too
        if text[at] == ":":
            at = self.format_spec(at + 1, f)
        if text[at] != "}":
            raise _Unlowerable
        f.field_texts.append(text[pos:at])
        self.after = None
        return at + 1

    def format_spec(self, pos: int, f: _FString) -> int:
        """Scan a format spec; the offset of the `}` that ends its field."""
        text = self.text
        while True:
            m = _SPEC_STOP.search(text, pos)
            if m is None:
                raise _Unlowerable
            at, char = m.start(), m.group()
            if char == "{":
                self.spec_depth += 1
                try:
                    pos = self.replacement_field(at + 1, f)
                finally:
                    self.spec_depth -= 1
            elif char == "}":
                return at
            elif char == "\\":
                pos = at + 2
            elif char in "\r\n" and len(f.quote) == 3:
                pos = at + 1
            else:
                raise _Unlowerable  # a quote or a line break in a single-quoted string's spec

    def fstring_needs_312(self, f: _FString) -> bool:
        """Would Python 3.11's tokenizer and f-string parser fail on this f-string?"""
        quote = f.quote
        if f.deep:
            return True
        for start, end in f.fields:
            expression = self.text[start:end]
            if "\\" in expression or "#" in expression or quote in expression:
                return True
            if len(quote) == 1 and ("\n" in expression or "\r" in expression):
                return True
        return any(quote in t or len(quote) == 1 and ("\n" in t or "\r" in t) for t in f.field_texts)

    # ---- output ---------------------------------------------------------------------------------
    def blank(self, start: int, end: int, continued: bool = False) -> None:
        """Blank text[start:end], line breaks kept; `continued`: end each of its rows with `\\` (it sits
        outside brackets once blank)."""
        text = self.text
        out = []
        for index in range(start, end):
            char = text[index]
            if char in "\r\n":
                out.append(char)
                continue
            width = len(char.encode("utf-8", "surrogatepass"))
            if continued and index + 1 < len(text) and text[index + 1] in "\r\n":
                out.append(" " * (width - 1) + "\\")
            else:
                out.append(" " * width)
        if continued:
            breaks = [i for i in range(start, end) if text[i] in "\r\n" and not (text[i] == "\n" and text[i - 1] == "\r")]
            if any(i == start or text[i - 1] in "\r\n" for i in breaks):
                raise _Unlowerable  # an empty row inside: nothing to put the `\\` on
        self.rewrites.append((start, end, "".join(out)))

    def marked(self, start: int, end: int, marks: str) -> None:
        """Blank text[start:end] after putting `marks` on its first characters (none a line break)."""
        text = self.text
        if end - start < len(marks) or any(c in "\r\n" for c in text[start:start + len(marks)]):
            raise _Unlowerable
        self.rewrites.append((start, start + len(marks), "".join(
            mark + " " * (len(c.encode("utf-8", "surrogatepass")) - 1) for mark, c in zip(marks, text[start:]))))
        if end > start + len(marks):
            self.blank(start + len(marks), end)

    def result(self) -> Lowered | None:
        for f in self.fstrings:
            bounds = f.fields
            self.marked(f.start, bounds[0][0], '""[')
            for (_s, end), (start, _e) in zip(bounds, bounds[1:]):
                self.marked(end, start, ",")
            self.marked(bounds[-1][1], f.end, "]+" if f.plus else "]")
        if not self.rewrites and not self.kept:
            return None
        self.rewrites.sort()
        out, pos = [], 0
        for start, end, replacement in self.rewrites:
            if start < pos:
                raise _Unlowerable  # overlapping rewrites: a bug, never a wrong tree
            original = self.text[start:end]
            if _row_widths(original) != _row_widths(replacement):
                raise _Unlowerable
            out.append(self.text[pos:start])
            out.append(replacement)
            pos = end
        out.append(self.text[pos:])
        return Lowered("".join(out), sorted(self.regions), self.kept, self.forced, self.expressions)


def _row_widths(text: str) -> list[int]:
    return [len(row.encode("utf-8", "surrogatepass")) for row in re.split(r"\r\n|\r|\n", text)]


def _type_params_need(text: str, start: int, end: int, commas: list[int]):
    """What the type parameter list text[start:end] (inside its brackets) needs, or None when it is
    not one (so that blanking it would hide an error)."""
    pieces = [text[a:b] for a, b in zip([start] + [c + 1 for c in commas], commas + [end])]
    if pieces and not _COMMENT.sub("", pieces[-1]).strip():
        pieces.pop()  # a trailing comma
    if not pieces:
        return None  # "Type parameter list cannot be empty"
    need, defaulted = TYPE_PARAMS, False
    for piece in pieces:
        m = _TYPE_PARAM.match(_COMMENT.sub("", piece))
        if m is None:
            return None
        stars, bound, default = m.group(1), m.group("bound"), m.group("default")
        if bound is not None and (stars or not is_expression(bound)):
            return None
        if default is not None:
            default = default.strip()
            if stars == "*" and default.startswith("*"):
                default = default[1:]
            if not is_expression(default):
                return None
            need, defaulted = TYPE_DEFAULTS, True
        elif defaulted and not stars:
            return None  # "non-default type parameter follows default type parameter"
    return need


def is_expression(text: str) -> bool:
    """Is `text` one expression (on some Python up to the newest lowered)?"""
    if not _COMMENT.sub("", text).strip():
        return False
    source = f"(\n{text}\n)"
    lowered = lower(source) if any(c in text for c in "'\"[*") else None
    for candidate in (source, lowered.text if lowered is not None else None):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ast.parse(candidate, mode="eval")
            return True
        except (SyntaxError, ValueError, RecursionError, MemoryError, TypeError):
            continue
    return False


__all__ = ["Lowered", "lower", "is_expression"]
