"""Code actions: the rule's quick fix, "Disable MPxxx for this line", and fix-all.

Quick fixes come from Diagnostic.data (filled at publish time), so no server cache is needed.
When the client sends no diagnostics in the context, or data from another version, the actions
are recomputed from the current analysis of the document.
"""
from __future__ import annotations

import re
from dataclasses import replace

from lsprotocol import types

from mpguard.core.analyze import NOQA
from mpguard.core.fixer import fix_all, parses
from mpguard.core.model import Applicability, Position
from mpguard.core.source import SourceText
from mpguard.lsp import analysis, convert

FIX_ALL_KIND = "source.fixAll.mpguard"
FIX_ALL_TITLE = "mpguard: apply all safe fixes"


def wanted(only, kind: str) -> bool:
    return not only or any(kind == k or kind.startswith(f"{k}.") for k in only)


def for_range(outcome: analysis.Outcome, params: types.CodeActionParams, encoding: str,
              eager_fix_all: bool) -> list[types.CodeAction]:
    uri, source, only = params.text_document.uri, outcome.source, params.context.only
    ours = {convert.diagnostic(source, f, encoding, outcome.job.version, not outcome.stale).range.__repr__(): f
            for f in outcome.findings}
    sent = [d for d in params.context.diagnostics if d.source == convert.SOURCE]
    if not sent:
        start = convert.from_lsp_position(source, params.range.start, encoding)
        end = convert.from_lsp_position(source, params.range.end, encoding)
        sent = [convert.diagnostic(source, f, encoding, outcome.job.version, not outcome.stale)
                for f in outcome.findings if convert.overlaps(f, start, end)]
    actions = []
    for diag in sent if wanted(only, types.CodeActionKind.QuickFix) else []:
        finding = ours.get(repr(diag.range))
        if finding is None or finding.code != diag.code:
            continue
        fresh = isinstance(diag.data, dict) and diag.data.get("version") == outcome.job.version
        data = diag.data if fresh else {"fix": convert.fix_data(source, finding.fix, encoding)}
        if not outcome.stale:
            actions += quick_fix(uri, diag, data)
        actions += noqa_action(uri, diag, source, finding, encoding)
    if wanted(only, FIX_ALL_KIND) and has_safe_fix(outcome):
        action = types.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL_KIND, data={"uri": uri, "fixAll": True})
        actions.append(resolve_fix_all(action, outcome, encoding) if eager_fix_all else action)
    return actions


def quick_fix(uri: str, diag: types.Diagnostic, data) -> list[types.CodeAction]:
    edits = convert.edits_from_data(data)
    if not edits:
        return []
    fix = data["fix"]
    return [types.CodeAction(title=str(fix.get("title") or f"Fix {diag.code}"), kind=types.CodeActionKind.QuickFix,
                             diagnostics=[diag], edit=types.WorkspaceEdit(changes={uri: edits}),
                             is_preferred=fix.get("applicability") == Applicability.SAFE.value)]


def noqa_action(uri, diag, source: SourceText, finding, encoding) -> list[types.CodeAction]:
    edit = noqa_edit(source, finding.code, finding.start.row, finding.end.row)
    if edit is None:
        return []
    pos, content = edit
    return [types.CodeAction(title=f"Disable {finding.code} for this line", kind=types.CodeActionKind.QuickFix,
                             diagnostics=[diag], edit=types.WorkspaceEdit(
                                 changes={uri: [convert.text_edit(source, pos, pos, content, encoding)]}))]


def noqa_edit(source: SourceText, code: str, row: int, end_row: int) -> tuple[Position, str] | None:
    """Where to insert what: extend an existing `# noqa: X` on the line, or add one."""
    line = source.line_text(row)
    if line.rstrip().endswith("\\") and end_row != row:
        row, line = end_row, source.line_text(end_row)
    for match in NOQA.finditer(line):
        if match.group("codes") is None:
            return None  # a bare `# noqa` already silences everything
        if code in re.split(r"[\s,]+", match.group("codes").upper()):
            return None
        pos, content = Position(row, match.end("codes")), f", {code}"
        break
    else:
        pos, content = Position(row, len(line)), f"{'  ' if line.strip() else ''}# noqa: {code}"
    text = source.text
    offset = source.offset(pos)
    return (pos, content) if parses(text[:offset] + content + text[offset:]) else None


def has_safe_fix(outcome: analysis.Outcome) -> bool:
    return not outcome.stale and any(f.fix and f.fix.applicability == Applicability.SAFE for f in outcome.findings)


def fixed_text(outcome: analysis.Outcome) -> str:
    """Every safe fix, re-checking between rounds (runs on a worker thread)."""
    job = outcome.job
    text, _ = fix_all(job.text, lambda t: analysis.run(replace(job, text=t)).findings)
    return text


def whole_edit(old: str, new: str, encoding: str) -> list[types.TextEdit]:
    """One edit covering only what changed (common prefix and suffix trimmed)."""
    if old == new:
        return []
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    if 0 < prefix < len(old) and old[prefix - 1:prefix + 1] == "\r\n":
        prefix -= 1  # never split a CRLF pair: there is no position between \r and \n
    if 0 < suffix < len(old) and old[len(old) - suffix - 1:len(old) - suffix + 1] == "\r\n":
        suffix -= 1
    source = SourceText(old)
    start, end = source.position(prefix), source.position(len(old) - suffix)
    return [convert.text_edit(source, start, end, new[prefix:len(new) - suffix], encoding)]


def resolve_fix_all(action: types.CodeAction, outcome: analysis.Outcome, encoding: str) -> types.CodeAction:
    edits = whole_edit(outcome.job.text, fixed_text(outcome), encoding)
    action.edit = types.WorkspaceEdit(changes={outcome.job.uri: edits})
    return action
