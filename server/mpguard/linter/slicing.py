"""Which top-level statements an edit can affect, and what their analysis must see.

The analysis is whole-module, but a finding depends only on the statements linked to its own by
names: what it calls or passes to a pool, what calls it, the module globals it reads or writes.
Links are found in the text (an identifier anywhere in a statement counts as a use), which can only
over-approximate: an unrelated `x` in a string makes the slice larger, never wrong.

- `recheck()`: statements whose findings may change. The edited ones; the ones that use a name an
  edited statement binds (and, transitively, those that use theirs); the functions an edited
  statement uses (it may now run them in a child); writers of the module globals the edit uses,
  and every user of a global the edit writes; statements that choose the start method.
- `context(recheck)`: what analysing those needs. Every statement that uses a re-checked function
  (whether it runs in the parent or a child depends on its callers, transitively), everything they
  all use (transitively), the module's leading block and its main guard. None when that is most
  of the module: a full analysis is then as cheap.
"""
from __future__ import annotations

import ast
import re
from difflib import SequenceMatcher
from bisect import bisect_right
from functools import lru_cache

from mpguard.text.chunks import Chunk

IDENTIFIER = re.compile(r"[^\W\d]\w*")
METHOD_CHOICES = ("set_start_method", "set_executable", "set_forkserver_preload", "freeze_support")
CHOOSES_METHOD = re.compile(r"\b(?:" + "|".join(METHOD_CHOICES) + r")\b")
# The main guard, and imports (fixes reuse an existing `import x`)
FRAME = re.compile(r"""^(?:if\s+(?:__name__\s*==\s*['"]__main__['"]|['"]__main__['"]\s*==\s*__name__)|import\s|from\s)""")
AUGMENTED = r"(?:[-+*/%&|^@]|//|\*\*|<<|>>)"
ATTRIBUTE_STORE = re.compile(r"\.\s*([^\W\d]\w*)\s*" + AUGMENTED + r"?=(?!=)")
ATTRIBUTE_DELETE = re.compile(r"\bdel\b[^\n]*\.\s*([^\W\d]\w*)")
DYNAMIC_ATTRIBUTES = re.compile(r"\b(?:setattr|delattr|vars)\b|__dict__|__setattr__")
SLICE_LIMIT = 0.4  # beyond this share of the module's statements, analyse the whole module


def definitions_by_name(chunks: list[Chunk]) -> dict[str, list[int]]:
    """Name -> the chunks that bind it at module level."""
    out: dict[str, list[int]] = {}
    for index, chunk in enumerate(chunks):
        for name in chunk.defines:
            out.setdefault(name, []).append(index)
    return out


def rebind(by_name: dict, old: list[Chunk], new: list[Chunk], first: int) -> dict:
    """`definitions_by_name` after chunks `old`, numbered from `first`, were replaced by as many `new`."""
    out = dict(by_name)
    for offset, chunk in enumerate(old):
        for name in chunk.defines:
            out[name] = [i for i in out[name] if i != first + offset]
            if not out[name]:
                del out[name]
    for offset, chunk in enumerate(new):
        for name in chunk.defines:
            out[name] = sorted(out.get(name, []) + [first + offset])
    return out


class Slicer:
    def __init__(self, text: str, starts: list[int], chunks: list[Chunk], edited: list[int],
                 old_defines: set[str], old_text: str, carried: dict | None = None, renumber=None,
                 by_name: dict | None = None):
        self.text, self.starts, self.chunks = text, starts, chunks
        # Which chunks use or write a name, as found for the previous edit (old chunk numbers); with
        # `renumber` (old number -> new, None for a re-parsed chunk) only the edited text is searched.
        self.carried, self.renumber = carried or {}, renumber
        self.found: dict[tuple[str, str], set[int]] = {}
        self.edited = edited
        self.old_defines = old_defines
        self.old_text = old_text  # the edited rows before the edit
        self.firsts = [c.first for c in chunks]
        self.by_name = by_name if by_name is not None else definitions_by_name(chunks)
        self._mentions: dict[int, set[str]] = {}

    # ---- text ----------------------------------------------------------------------------------
    def chunk_text(self, index: int) -> str:
        chunk = self.chunks[index]
        end = self.starts[chunk.last] if chunk.last < len(self.starts) else len(self.text)
        return self.text[self.starts[chunk.first - 1]:end]

    def mentions(self, index: int) -> set[str]:
        if index not in self._mentions:
            self._mentions[index] = set(IDENTIFIER.findall(self.chunk_text(index)))
        return self._mentions[index]

    def users(self, name: str) -> set[int]:
        """Chunks whose text holds the identifier `name`."""
        def search(start: int, end: int):
            return (m.start() for m in _name_pattern(name).finditer(self.text, start, end)
                    if not _word_before(self.text, m.start()))
        return self._lookup("users", name, search)

    def writers(self, name: str) -> set[int]:
        """Chunks that may rebind or mutate the global `name` (a `global` declaration included)."""
        store, delete = _write_patterns(name)

        def search(start: int, end: int):
            hits = [m.start() for m in store.finditer(self.text, start, end)
                    if not _word_before(self.text, m.start(), ".")]
            if "del" in self.text:
                hits += [m.start() for m in delete.finditer(self.text, start, end)]
            return hits
        return self._lookup("writers", name, search) | set(self.by_name.get(name, ()))

    def _lookup(self, kind: str, name: str, search) -> set[int]:
        key = (kind, name)
        if key in self.found:
            return self.found[key]
        old = self.carried.get(key)
        if old is None or self.renumber is None:
            out = self._chunks_at(search(0, len(self.text)))
        else:
            out = {new for new in map(self.renumber, old) if new is not None}
            if self.edited:
                first, last = self.chunks[self.edited[0]], self.chunks[self.edited[-1]]
                end = self.starts[last.last] if last.last < len(self.starts) else len(self.text)
                out |= self._chunks_at(search(self.starts[first.first - 1], end))
        self.found[key] = out
        return out

    def _chunks_at(self, offsets) -> set[int]:
        out = set()
        for offset in offsets:
            row = bisect_right(self.starts, offset)
            out.add(bisect_right(self.firsts, row) - 1)
        out.discard(-1)
        return out

    # ---- the slice --------------------------------------------------------------------------------
    def recheck(self) -> set[int]:
        recheck = set(self.edited)
        bound = set(self.old_defines)
        for index in self.edited:
            bound |= self.chunks[index].defines
        recheck |= self._users_closure(bound)
        # What re-checked code calls or hands to a pool may now run in a child, or no longer.
        used = set(IDENTIFIER.findall(self.old_text))
        for index in recheck:
            used |= self.mentions(index)
        recheck |= self._definitions_closure(used, through_modules=False)
        used = set(IDENTIFIER.findall(self.old_text))
        for index in self.edited:
            used |= self.mentions(index)
        edited_text = self.old_text + "".join(self.chunk_text(i) for i in self.edited)
        module_globals = {name for name in used for i in self.by_name.get(name, ()) if self.chunks[i].kind == "module"}
        for name in module_globals:
            recheck |= self.writers(name)
            if _writes(edited_text, name):
                recheck |= self.users(name)
        # An attribute the edit stores (`t.jobs = 8`) or deletes may be one the model takes as fixed elsewhere (a
        # constructor's `self.jobs`, a classmethod's `cls._ctx`: semantic/bound_values, class_stores): every chunk
        # naming it is re-checked; attributes reached by name (`setattr`, `__dict__`) re-check the whole module.
        stored_text = _storing_text(self.old_text, "".join(self.chunk_text(i) for i in self.edited))
        if DYNAMIC_ATTRIBUTES.search(stored_text):
            recheck |= set(range(len(self.chunks)))
        for attribute in set(ATTRIBUTE_STORE.findall(stored_text)) | set(ATTRIBUTE_DELETE.findall(stored_text)):
            recheck |= self.users(attribute)
        if any(word in self.text for word in METHOD_CHOICES):  # plain `in`: far faster than a regex scan
            recheck |= self._chunks_at(m.start() for m in CHOOSES_METHOD.finditer(self.text))
        return recheck

    def context(self, recheck: set[int]) -> set[int] | None:
        limit = max(SLICE_LIMIT * len(self.chunks), 1)
        needed = set(recheck)
        functions = {self.chunks[i].name for i in recheck if self.chunks[i].kind == "def"}
        needed |= self._users_closure(functions, limit=limit)
        if len(needed) > limit:
            return None
        used = set()
        for index in needed:
            used |= self.mentions(index)
        needed |= self._definitions_closure(used, through_modules=True, limit=limit)
        needed |= self._frame()
        return None if len(needed) > limit else needed

    def _frame(self) -> set[int]:
        """The leading block (docstring, imports, constants), other imports and the main guard: fixes place
        code by them."""
        out = set()
        for index, chunk in enumerate(self.chunks):
            if chunk.kind != "module":
                break
            out.add(index)
        for index, chunk in enumerate(self.chunks):
            if chunk.kind == "module" and FRAME.match(self.chunk_text(index).lstrip("\n")):
                out.add(index)
        return out

    def _users_closure(self, names, limit=None) -> set[int]:
        """Chunks using any of `names`, and transitively the users of what those bind."""
        out: set[int] = set()
        pending, seen = list(names), set()
        while pending:
            name = pending.pop()
            if name in seen:
                continue
            seen.add(name)
            for index in self.users(name) - out:
                out.add(index)
                pending.extend(self.chunks[index].defines)
            if limit is not None and len(out) > limit:
                break
        return out

    def _definitions_closure(self, names, through_modules: bool, limit=None) -> set[int]:
        """Chunks defining any of `names`, and transitively what those use (through module-level
        statements too when `through_modules`)."""
        out: set[int] = set()
        pending = list(names)
        seen: set[str] = set()
        while pending:
            name = pending.pop()
            if name in seen:
                continue
            seen.add(name)
            for index in self.by_name.get(name, ()):
                if index in out:
                    continue
                chunk = self.chunks[index]
                if chunk.kind == "module" and not through_modules:
                    continue
                out.add(index)
                pending.extend(self.mentions(index))
            if limit is not None and len(out) > limit:
                break
        return out


MUTATING_METHODS = ("append|extend|insert|update|setdefault|add|pop|popitem|remove|discard|clear|appendleft"
                    "|extendleft|sort|reverse|seed|shuffle|__setitem__|set\\w*")


@lru_cache(maxsize=512)
def _write_patterns(name: str) -> tuple[re.Pattern, re.Pattern]:
    """`name = ...`, `name += ...`, `name[...] = ...`, `name.attr = ...`, `name.attr[...] = ...`,
    `name.append(...)` (and the other mutating methods); and `del name`. The name must not follow a
    word character or a dot (checked by the caller: a pattern that starts with a literal searches fast)."""
    word = re.escape(name)
    store = rf"(?:\[[^\n]*\])?\s*{AUGMENTED}?=(?!=)"
    return (re.compile(rf"{word}\s*(?:{store}|\.\s*\w+\s*{store}|\.\s*(?:{MUTATING_METHODS})\s*\()"),
            re.compile(rf"del\s+{word}(?!\w)"))


@lru_cache(maxsize=512)
def _name_pattern(name: str) -> re.Pattern:
    return re.compile(rf"{re.escape(name)}(?!\w)")  # a literal first: a fast search


def _word_before(text: str, offset: int, also: str = "") -> bool:
    if offset == 0:
        return False
    char = text[offset - 1]
    return char.isalnum() or char == "_" or char in also


def _writes(text: str, name: str) -> bool:
    store, delete = _write_patterns(name)
    return any(not _word_before(text, m.start(), ".") for m in store.finditer(text)) or delete.search(text) is not None \
        or re.search(rf"\bglobal\b[^\n]*(?<!\w){re.escape(name)}(?!\w)", text) is not None


def _storing_text(old: str, new: str) -> str:
    """The text whose attribute stores an edit may have changed: both versions of the edited statements, or, when
    the edit stays inside methods of one class, only those methods and the class's methods naming one of them
    (a store elsewhere in the class keeps its value: `self.jobs = self.workers()` names the edited `workers`)."""
    everything = old + new
    old_methods, new_methods = _methods(old), _methods(new)
    if old_methods is None or new_methods is None:
        return everything
    old_lines, new_lines = old.splitlines(), new.splitlines()
    changed: dict[str, str] = {}
    for tag, a0, a1, b0, b1 in SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        for methods, lines, rows in ((old_methods, old_lines, range(a0, a1)), (new_methods, new_lines, range(b0, b1))):
            for row in rows:
                if not lines[row].strip():
                    continue  # (a blank row stores nothing)
                method = next((m for m in methods if m[1] <= row + 1 <= m[2]), None)
                if method is None:
                    return everything  # (a row of the class body outside its methods, or of a decorator)
                changed[method[0]] = "\n".join(lines[method[1] - 1:method[2]])
    if not changed:
        return everything
    naming = re.compile(r"\b(?:" + "|".join(map(re.escape, changed)) + r")\b")
    texts = list(changed.values())
    for methods, lines in ((old_methods, old_lines), (new_methods, new_lines)):
        texts += ["\n".join(lines[m[1] - 1:m[2]]) for m in methods if naming.search("\n".join(lines[m[1] - 1:m[2]]))]
    return "\n".join(texts)


def _methods(text: str) -> list[tuple[str, int, int]] | None:
    """(name, first row of its body, last row) of each method of the one class `text` defines (rows of `text`); None
    when `text` is not one class, or does not parse alone."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if len(tree.body) != 1 or type(tree.body[0]) is not ast.ClassDef:
        return None
    # (a method's own rows: its decorators and its `def` row are left to the class, so an edit there counts as the
    # class body's, and every store re-checks)
    return [(item.name, item.body[0].lineno, item.end_lineno) for item in tree.body[0].body
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))]

