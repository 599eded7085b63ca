"""Suppression comments: which findings they silence, which of them silence nothing (MP003, as ruff's
RUF100), and adding them (`mpguard check --add-noqa`, as ruff's).

    pool.map(lambda x: x, xs)  # noqa: MP201
    pool.map(lambda x: x, xs)  # mpguard: ignore[MP201]

A comment silences the findings that start or end on its row (and the copy of such a finding at the pool call
that runs the task, text.findings.silencing_rows). Only mpguard's own directives are judged
unused: the codes `MPnnn` of a `# noqa: ...` (its other codes belong to other linters) and any
`# mpguard: ignore`. A bare `# noqa` may serve another linter, so it is never reported.
"""
from __future__ import annotations

import io
import re
import tokenize
from bisect import bisect_right
from dataclasses import dataclass

from mpguard.text.findings import Applicability, Edit, Finding, Fix, Position, silencing_rows
from mpguard.text.source import SourceText

NOQA_HINT = re.compile(r"#\s*(?:noqa|mpguard)", re.IGNORECASE)
NOQA = re.compile(r"#\s*(?:noqa|mpguard:\s*ignore)(?::\s*|\[)?(?P<codes>[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*)?\]?",
                  re.IGNORECASE)
CODE_SEPARATOR = re.compile(r"[\s,]+")
OURS = re.compile(r"MP[0-9]+\Z")
UNUSED_CODE = "MP003"


def codes_of(match) -> list[str] | None:
    """The codes of a directive, upper-cased; None for a bare one (it silences everything)."""
    codes = match.group("codes")
    return None if not codes else CODE_SEPARATOR.split(codes.upper())


def silences(match, code: str) -> bool:
    codes = codes_of(match)
    return codes is None or code in codes


def suppressed(text: SourceText, finding: Finding) -> bool:
    for row in silencing_rows(finding):
        line = text.line_text(row)
        if "#" in line and any(silences(match, finding.code) for match in NOQA.finditer(line)):
            return True
    return False


def unsuppressed(findings, text: SourceText, settings=None) -> list[Finding]:
    """The findings no comment silences; with MP003 enabled in `settings`, and the unused directives."""
    report_unused = settings is not None and settings.enabled(UNUSED_CODE)
    if len(findings) < 64:
        kept = [f for f in findings if not suppressed(text, f)]
    else:  # many findings: look at the few rows that hold a suppression comment at all
        rows = {bisect_right(text.line_starts, m.start()) for m in NOQA_HINT.finditer(text.text)}
        kept = [f for f in findings if not (not rows.isdisjoint(silencing_rows(f)) and suppressed(text, f))]
    if not report_unused or not NOQA_HINT.search(text.text):
        return kept
    unused = unused_directives(findings, text, settings)
    return sorted(kept + unused, key=lambda f: (f.start.row, f.start.column, f.code)) if unused else kept


# ---------------------------------------------------------------------------------------------------------
# MP003: directives that silence nothing


@dataclass(frozen=True)
class Directive:
    row: int
    start: int  # columns of the directive in its row (0-based code points)
    end: int
    codes: tuple[str, ...] | None  # None: a bare directive
    ours: bool  # `# mpguard: ignore`, which no other tool reads
    codes_span: tuple[int, int] | None  # where the codes are written
    comment_end: int  # where the comment holding it ends


def directives(text: SourceText) -> list[Directive]:
    """The suppression directives in comments (not in strings), from the tokenizer."""
    out = []
    for row, column, comment in _comments(text.text):
        for match in NOQA.finditer(comment):
            codes = codes_of(match)
            span = (column + match.start("codes"), column + match.end("codes")) if codes else None
            out.append(Directive(row, column + match.start(), column + match.end(),
                                 tuple(codes) if codes else None, "mpguard" in match.group(0).lower(), span,
                                 column + len(comment)))
    return out


def _comments(source: str):
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT and NOQA_HINT.search(token.string):
                yield token.start[0], token.start[1], token.string
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return  # a file that does not tokenize has no directive we can judge: say nothing


def unused_directives(findings, text: SourceText, settings) -> list[Finding]:
    """MP003 for each directive of ours with a code that silences no finding on its row (or, bare
    `# mpguard: ignore`, no finding at all). Codes of rules that are not enabled are left alone: the
    directive may serve a configuration that enables them."""
    from mpguard.rules import registry

    by_row: dict[int, set[str]] = {}
    for finding in findings:
        for row in {finding.start.row, finding.end.row}:
            by_row.setdefault(row, set()).add(finding.code)
    out = []
    for directive in directives(text):
        found = by_row.get(directive.row, set())
        if directive.codes is None:
            if directive.ours and not found:
                out.append(_report(text, directive, None, "unused `mpguard: ignore` directive: nothing to silence here"))
            continue
        if UNUSED_CODE in directive.codes:
            continue  # the author silenced this very rule here
        unknown = [c for c in directive.codes if OURS.match(c) and registry.get(c) is None]
        unused = [c for c in directive.codes if OURS.match(c) and registry.get(c) is not None
                  and settings.enabled(c) and c not in found]
        if unknown or unused:
            parts = ([f"unused: {', '.join(unused)}"] if unused else []) + \
                    ([f"unknown: {', '.join(unknown)}"] if unknown else [])
            out.append(_report(text, directive, unused + unknown, f"unused suppression ({'; '.join(parts)})"))
    return out


def _report(text: SourceText, directive: Directive, drop: list[str] | None, message: str) -> Finding:
    start, end = Position(directive.row, directive.start), Position(directive.row, directive.end)
    return Finding(UNUSED_CODE, message, start, end, fix=_removal(text, directive, drop))


def _removal(text: SourceText, directive: Directive, drop: list[str] | None) -> Fix:
    """Remove the codes that silence nothing, or the whole directive when none is left (with the spaces
    before it, when it is all the comment holds)."""
    line = text.line_text(directive.row)
    left = [c for c in directive.codes or () if c not in (drop or ())]
    if left:
        first, last = directive.codes_span
        edit = Edit(Position(directive.row, first), Position(directive.row, last), ", ".join(left))
        return Fix(f"Remove the unused codes ({', '.join(drop)})", Applicability.SAFE, (edit,))
    start, end = directive.start, directive.end
    if not line[end:directive.comment_end].strip(" \t#"):  # nothing else in the comment
        end = directive.comment_end
        while start > 0 and line[start - 1] in " \t":
            start -= 1
    else:  # `# mpguard: ignore  # why` keeps `# why` where the directive was
        while end < len(line) and line[end] in " \t":
            end += 1
    edit = Edit(Position(directive.row, start), Position(directive.row, end), "")
    return Fix("Remove the unused suppression comment", Applicability.SAFE, (edit,))


# ---------------------------------------------------------------------------------------------------------
# --add-noqa


def add_noqa(source: str, findings) -> tuple[str, int]:
    """`source` with a `# noqa: CODE` for each finding: merged into a `# noqa: ...` already on the row (or
    the brackets of a `# mpguard: ignore[...]`), else added at the end of the row. The row is the
    finding's first, or its last when a comment cannot go on the first (inside a string, or before a
    line continuation). Returns the new source and the number of findings it silences."""
    text = SourceText(source)
    open_rows = _rows_taking_a_comment(source)
    wanted: dict[int, list[str]] = {}
    for finding in findings:
        if finding.code in ("MP001", "MP002", UNUSED_CODE):  # not checked / a comment to remove, not to silence
            continue
        row = next((r for r in (finding.start.row, finding.end.row) if r in open_rows), None)
        if row is not None and finding.code not in wanted.setdefault(row, []):
            wanted[row].append(finding.code)
    lines = text.lines[:]
    added = 0
    for row, codes in wanted.items():
        body = lines[row - 1]
        ending = body[len(body.rstrip("\r\n")):]
        new, count = _with_codes(body[:len(body) - len(ending)], codes)
        lines[row - 1] = new + ending
        added += count
    return "".join(lines), added


def _with_codes(line: str, codes: list[str]) -> tuple[str, int]:
    for match in NOQA.finditer(line):
        present = codes_of(match)
        if present is None:
            return line, 0  # a bare directive silences them all already
        missing = [c for c in codes if c not in present]
        if not missing:
            return line, 0
        end = match.end("codes")
        return f"{line[:end]}, {', '.join(missing)}{line[end:]}", len(missing)
    return f"{line.rstrip()}{'  ' if line.strip() else ''}# noqa: {', '.join(codes)}", len(codes)


def _rows_taking_a_comment(source: str) -> set[int]:
    """Rows whose end is the end of a line of code (not inside a string, not a `\\` continuation)."""
    rows = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type in (tokenize.NEWLINE, tokenize.NL, tokenize.COMMENT):
                rows.add(token.start[0])
            elif token.type == tokenize.ENDMARKER and source and not source.endswith(("\n", "\r")):
                rows.add(token.start[0] - 1 if token.start[1] == 0 else token.start[0])
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return set()
    return rows
