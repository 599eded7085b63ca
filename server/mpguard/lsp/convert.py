"""Findings and fixes -> LSP types, and LSP positions -> the core's positions.

Every column conversion goes through `SourceText.to_client_column` / `from_client_column`
with the encoding negotiated at initialize ("utf-16" unless the client offered another).
"""
from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from mpguard.text.findings import Finding, Fix, Position
from mpguard.text.source import SourceText
from mpguard.rules import registry
from mpguard.rules.registry import severity_of

SOURCE = "mpguard"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "information": types.DiagnosticSeverity.Information,
    "hint": types.DiagnosticSeverity.Hint,
}


def encoding_name(kind) -> str:
    """PositionEncodingKind (or its string) -> "utf-8" / "utf-16" / "utf-32"."""
    value = getattr(kind, "value", kind) or "utf-16"
    return value if value in ("utf-8", "utf-16", "utf-32") else "utf-16"


def to_lsp_position(source: SourceText, pos: Position, encoding: str) -> types.Position:
    pos = source.clamp(pos)
    return types.Position(line=pos.row - 1, character=source.to_client_column(pos, encoding))


def to_lsp_range(source: SourceText, start: Position, end: Position, encoding: str) -> types.Range:
    return types.Range(start=to_lsp_position(source, start, encoding), end=to_lsp_position(source, end, encoding))


def from_lsp_position(source: SourceText, pos: types.Position, encoding: str) -> Position:
    row = pos.line + 1
    if row > source.row_count:
        return source.end_position()
    return Position(row, source.from_client_column(row, pos.character, encoding))


def text_edit(source: SourceText, start: Position, end: Position, content: str, encoding: str) -> types.TextEdit:
    return types.TextEdit(range=to_lsp_range(source, start, end, encoding), new_text=content)


def fix_data(source: SourceText, fix: Fix | None, encoding: str) -> dict | None:
    """A fix as JSON: what `quick_fix` (lsp/actions.py) turns into a code action's edits."""
    if fix is None or not (fix.edits or fix.others):
        return None
    edits = [text_edit(source, e.start, e.end, e.content, encoding) for e in fix.edits]
    data = {"title": fix.message, "applicability": fix.applicability.value,
            "edits": [{"range": _range_json(e.range), "newText": e.new_text} for e in edits]}
    if fix.others:  # other documents of the project, edited in the same WorkspaceEdit (`quick_fix`)
        data["files"] = [{"uri": Path(other.path).resolve().as_uri(), "edits": [
            {"range": _range_json(text_edit(there, e.start, e.end, e.content, encoding).range), "newText": e.content}
            for e in other.edits]} for other in fix.others for there in (SourceText(other.text),)]
    return data


def _range_json(rng: types.Range) -> dict:
    return {"start": {"line": rng.start.line, "character": rng.start.character},
            "end": {"line": rng.end.line, "character": rng.end.character}}


def other_edits_from_data(data) -> dict | None:
    """{uri: [TextEdit]} of the other documents a `fix_data` JSON edits (`Fix.others`); None when malformed."""
    fix = data.get("fix") if isinstance(data, dict) else None
    out: dict = {}
    for other in (fix or {}).get("files", []) if isinstance(fix, dict) else []:
        edits = edits_from_data({"fix": other}) if isinstance(other, dict) else []
        if not edits or not isinstance(other.get("uri"), str):
            return None
        out[other["uri"]] = edits
    return out


def edits_from_data(data) -> list[types.TextEdit]:
    """TextEdits back from `fix_data` JSON (tolerates missing or malformed parts)."""
    fix = data.get("fix") if isinstance(data, dict) else None
    out = []
    for raw in (fix or {}).get("edits", []) if isinstance(fix, dict) else []:
        try:
            rng = raw["range"]
            out.append(types.TextEdit(
                range=types.Range(start=types.Position(**rng["start"]), end=types.Position(**rng["end"])),
                new_text=str(raw["newText"])))
        except (KeyError, TypeError):
            return []
    return out


def diagnostic(source: SourceText, finding: Finding, encoding: str, version: int | None,
               with_fix: bool = True, uri: str | None = None) -> types.Diagnostic:
    rule = registry.get(finding.code)
    # Where the bad value was made, or where it reaches the child (same document).
    related = [types.DiagnosticRelatedInformation(
        location=types.Location(uri=uri, range=to_lsp_range(source, position, position, encoding)), message=text)
        for position, text in finding.related] if uri and finding.related else None
    if finding.related_file is not None:  # in another module of the project: its line, from column 0
        other = finding.related_file
        start = types.Position(line=max(other.line - 1, 0), character=0)
        related = (related or []) + [types.DiagnosticRelatedInformation(
            location=types.Location(uri=Path(other.path).resolve().as_uri(), range=types.Range(start=start, end=start)),
            message=other.message)]
    # No fix edits: a code action builds them for the finding the diagnostic stands for.
    data = {"version": version, "code": finding.code}
    return types.Diagnostic(
        range=to_lsp_range(source, finding.start, finding.end, encoding),
        message=finding.message,
        severity=SEVERITY.get(severity_of(finding), types.DiagnosticSeverity.Warning),
        code=finding.code,
        code_description=types.CodeDescription(href=rule.url) if rule else None,
        source=SOURCE,
        data=data,
        related_information=related,
    )


def overlaps(finding: Finding, start: Position, end: Position) -> bool:
    """Line-wise: a cursor anywhere on a flagged line asks for that finding's actions."""
    return finding.start.row <= end.row and start.row <= finding.end.row
