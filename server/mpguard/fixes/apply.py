"""Applying fixes: non-overlapping edits, re-check, repeat (ruff's fix loop)."""
from __future__ import annotations

import ast
import bisect
import contextvars
import re

from mpguard.fixes.touched import Statements, has_code, parses_at
from mpguard.text.chunks import first_row, parse_text
from mpguard.text.findings import Applicability, Fix, Position
from mpguard.text.source import SourceText

MAX_ROUNDS = 10


def apply_edits(text: str, edits) -> str:
    source = SourceText(text)
    spans = sorted(((source.offset(e.start), source.offset(e.end), e.content) for e in edits), reverse=True)
    for start, end, content in spans:
        text = text[:start] + content + text[end:]
    return text


def parses(text: str) -> bool:
    return _tree(text) is not None


def _compiles(tree) -> bool:
    """The errors the compiler raises that `ast.parse` lets through and that a statement shows without its
    context: a keyword argument given twice (`Pool(initializer=a, initializer=b)`, written by a fix that
    adds an argument), a parameter named twice. (`return` outside a function and the like need the
    enclosing code, which a region parsed alone does not have.)"""
    for node in ast.walk(tree):
        kind = type(node)
        if kind is ast.Call:
            names = [k.arg for k in node.keywords if k.arg is not None]
            if len(names) != len(set(names)):
                return False
        elif kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda):
            a = node.args
            names = [x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg) if x is not None]
            if len(names) != len(set(names)):
                return False
    return True


# (SourceText, first lines of the module's top-level statements, fixes.touched.Statements or None), set by
# the analysis while rules run, so that checking a fix re-parses only the statements it touches.
TOP_LEVEL: contextvars.ContextVar = contextvars.ContextVar("mpguard_top_level", default=None)


def known_statements(source: SourceText, tree, starts=None) -> tuple:
    """The value the analysis puts in TOP_LEVEL while the rules run on `tree`."""
    return source, (starts if starts is not None else top_level_starts(tree)), Statements(tree, source, starts is None)


def validated(text: str, fix: Fix | None) -> Fix | None:
    """Drop a fix whose result would not parse, or that would write lowered syntax back (text.lowering). The
    edits of other files (`Fix.others`) were checked where they were made (`fixes.other_module`)."""
    if fix is None or not (fix.edits or fix.others) or _writes_lowered_text(fix):
        return None
    if not fix.edits:
        return fix
    if _surely_parses(text, fix):
        return fix
    regions = _regions(text, fix)
    if regions is None:
        return fix if parses(apply_edits(text, fix.edits)) else None
    source = TOP_LEVEL.get()[0]
    for start, end, edits in regions:
        local = _edited(source, text, start, end, edits)
        if end < len(text) and local and not local.endswith(("\n", "\r")):
            return fix if parses(apply_edits(text, fix.edits)) else None  # the region runs into the next
        if not parses(local):
            return None
    return fix


def _writes_lowered_text(fix: Fix) -> bool:
    """Would the fix change newer syntax the analysis read through text.lowering? The nodes there stand
    for the rewritten text (`""[x]` for a PEP 701 f-string, a def without its type parameters), so a fix
    that writes code from them (`ast.unparse`) would write that back. A fix may move such a construct
    (the edit that removes it carries its original text) or leave it alone; otherwise it is dropped."""
    known = TOP_LEVEL.get()
    if known is None or len(known) < 3 or known[2] is None:
        return False
    tree = known[2].tree
    regions = getattr(tree, "mpguard_lowered_regions", None)
    if regions is None:
        regions = [region for stmt in tree.body for region in getattr(stmt, "mpguard_lowered", ())]
        tree.mpguard_lowered_regions = regions
    for start, end, original in regions:
        touched = [e for e in fix.edits if (e.start.row, e.start.column) < end and start < (e.end.row, e.end.column)]
        if touched and not any(original in e.content for e in fix.edits):
            return True
    return False


def _edited(source: SourceText, text: str, start: int, end: int, edits) -> str:
    local = text[start:end]
    spans = sorted(((source.offset(e.start) - start, source.offset(e.end) - start, e.content) for e in edits),
                   reverse=True)
    for a, b, content in spans:
        local = local[:a] + content + local[b:]
    return local


def _surely_parses(text: str, fix: Fix) -> bool:
    """Does the fixed text parse, judged by parsing only the innermost statements the edits touch
    (`mpguard.fixes.touched`)? False when that cannot tell: the caller checks the top-level statements."""
    known = TOP_LEVEL.get()
    if known is None or known[0].text is not text or len(known) < 3 or known[2] is None:
        return False
    source, statements = known[0], known[2]
    groups = []
    for edit in fix.edits:
        region = statements.regions(edit)
        if region is None:
            return False
        groups.append([region[0], region[1], region[2], [edit], region[4]])
    groups.sort(key=lambda group: (group[0], group[1]))
    merged: list = []
    for group in groups:
        if merged and group[0] < merged[-1][1]:  # statements inside the same statement: the outer one
            merged[-1][1] = max(merged[-1][1], group[1])
            merged[-1][3].extend(group[3])
        else:
            merged.append(group)
    for start, end, indent, edits, place in merged:
        local = _edited(source, text, start, end, edits)
        if local and not local.endswith(("\n", "\r")) and end < len(text):
            return False
        if not has_code(local):  # the statement is deleted (moved elsewhere): its block must keep another
            if indent and not _keeps_a_neighbour(statements, place, merged):
                return False
            continue
        if not parses_at(local, indent, _tree):
            return False
    return True


def _keeps_a_neighbour(statements, place, groups) -> bool:
    """Does a statement next to the deleted one stay, untouched by the fix, so that its block is not
    left empty?"""
    if place is None:
        return False
    block, index = place
    for i in (index - 1, index + 1):
        if 0 <= i < len(block):
            a, b = statements.span(block[i])
            if not any(start < b and a < end for start, end, *_ in groups):
                return True
    return False


def _tree(text: str):
    """The tree of the fixed text, None when it would not parse or not compile (`_compiles`)."""
    try:
        tree = parse_text(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return tree if _compiles(tree) else None


def _regions(text: str, fix: Fix):
    """The fix's edits grouped by the whole top-level statements they touch, as [start offset, end
    offset, edits]; None when the statements are not known. Top-level statements parse alone, so the
    fixed text parses when each group's statements do: a fix that adds an import at the top and
    replaces a lambda far below parses two short texts, not everything in between."""
    known = TOP_LEVEL.get()
    if known is None or known[0].text is not text:
        return None
    source, starts = known[0], known[1]
    groups = []
    for edit in fix.edits:
        i = bisect.bisect_right(starts, edit.start.row)
        j = bisect.bisect_right(starts, edit.end.row)
        start = source.offset(Position(starts[i - 1] if i else 1, 0))
        end = len(text) if j >= len(starts) else source.offset(Position(starts[j], 0))
        if not start <= source.offset(edit.start) <= source.offset(edit.end) <= end:
            return None
        groups.append([start, end, [edit]])
    groups.sort(key=lambda group: group[0])
    merged: list = []
    for group in groups:
        if merged and group[0] < merged[-1][1]:  # the same statements
            merged[-1][1] = max(merged[-1][1], group[1])
            merged[-1][2].extend(group[2])
        else:
            merged.append(group)
    return merged


def top_level_starts(tree) -> list[int]:
    return sorted(first_row(s) for s in tree.body)


def allowed(fix: Fix | None, unsafe: bool) -> bool:
    if fix is None:
        return False
    return fix.applicability == Applicability.SAFE or (unsafe and fix.applicability == Applicability.UNSAFE)


def apply_round(text: str, findings, unsafe: bool = False) -> tuple[str, list]:
    """Apply every allowed fix that does not overlap one already taken. Returns (text, applied). A fix that
    edits other files too (`Fix.others`) is left to the shell, which writes all its files or none."""
    source = SourceText(text)
    taken: list[tuple[int, int]] = []
    defined: set[str] = set()
    applied, edits = [], []
    for finding in sorted(findings, key=lambda f: (f.start, f.code)):
        fix = finding.fix
        if not allowed(fix, unsafe) or fix.others:
            continue
        spans = [(source.offset(e.start), source.offset(e.end)) for e in fix.edits]
        if any(_overlaps(a, b) for a in spans for b in taken):
            continue
        names = _top_level_definitions(fix)
        if names & defined:
            continue  # each fix chose the name free in this text: the next round's check picks another
        defined |= names
        taken.extend(spans)
        edits.extend(fix.edits)
        applied.append(finding)
    if not edits:
        return text, []
    new_text = apply_edits(text, edits)
    if not parses(new_text):
        return text, []
    return new_text, applied


_DEFINITION = re.compile(r"^(?:async[ \t]+def|def|class)[ \t]+([A-Za-z_]\w*)", re.M)


def _top_level_definitions(fix: Fix) -> set:
    """The names of the module-level functions and classes a fix inserts (`def _task(x):` for a lambda)."""
    out = set()
    for edit in fix.edits:
        for match in _DEFINITION.finditer(edit.content):
            if match.start() > 0 or edit.start.column == 0:  # (a first line inserted mid-line is nested)
                out.add(match.group(1))
    return out


def _overlaps(a, b) -> bool:
    # Touching spans overlap too when either is an insertion at the shared point.
    return a[0] < b[1] and b[0] < a[1] or a[0] == b[0] or (a[0] == a[1] and b[0] <= a[0] <= b[1]) \
        or (b[0] == b[1] and a[0] <= b[0] <= a[1])


def fix_all(text: str, check, unsafe: bool = False, max_rounds: int = MAX_ROUNDS) -> tuple[str, list]:
    """Fix, re-check, repeat until nothing changes. `check(text)` returns findings."""
    applied_all = []
    for _ in range(max_rounds):
        new_text, applied = apply_round(text, check(text), unsafe)
        if not applied or new_text == text:
            break
        applied_all.extend(applied)
        text = new_text
    return text, applied_all

