"""Code actions: the rule's quick fix, "Disable MPxxx for this line", and fix-all.

Quick fixes come from the current analysis of the document: the diagnostics in the request are
matched to its findings (by code and range), or, when the client sends none, the findings on the
requested rows are taken. Their fixes are built then (`analysis.fixes_of`): the analysis that
publishes diagnostics builds none.
"""
from __future__ import annotations

import re
from dataclasses import replace

from lsprotocol import types

from mpguard.linter.analyze import NOQA
from mpguard.text.change import changed_span
from mpguard.text.chunks import NOT_A_STATEMENT_RE
from mpguard.fixes.apply import fix_all, parses
from mpguard.text.findings import Applicability, Finding, Position
from mpguard.text.source import SourceText
from mpguard.lsp import analysis, convert
from mpguard.lsp.offload import checkpoint
from mpguard.rules import registry

FIX_ALL_KIND = "source.fixAll.mpguard"
FIX_ALL_TITLE = "mpguard: apply all safe fixes"


def wanted(only, kind: str) -> bool:
    return not only or any(kind == k or kind.startswith(f"{k}.") for k in only)


def for_range(outcome: analysis.Outcome, params: types.CodeActionParams, encoding: str) -> list[types.CodeAction]:
    """The quick fixes and noqa actions for the range, from the cached outcome only (cheap: no analysis;
    the fix-all action is added by the caller, see `fix_all_action`)."""
    uri, source, only = params.text_document.uri, outcome.source, params.context.only
    if not wanted(only, types.CodeActionKind.QuickFix):
        return []
    version, with_fix = outcome.job.version, not outcome.stale
    sent = [d for d in params.context.diagnostics if d.source == convert.SOURCE]
    pairs = []
    if sent:
        by_row: dict[int, list[Finding]] = {}
        for f in outcome.findings:
            by_row.setdefault(f.start.row - 1, []).append(f)
        for diag in sent:
            for finding in by_row.get(diag.range.start.line, []):
                if finding.code == diag.code and convert.to_lsp_range(
                        source, finding.start, finding.end, encoding) == diag.range:
                    pairs.append((diag, finding))
                    break
    else:
        start = convert.from_lsp_position(source, params.range.start, encoding)
        end = convert.from_lsp_position(source, params.range.end, encoding)
        pairs = [(convert.diagnostic(source, f, encoding, version, with_fix, uri), f)
                 for f in outcome.findings if convert.overlaps(f, start, end)]
    fixes = analysis.fixes_of(outcome, [finding for _, finding in pairs]) if with_fix and pairs else {}
    actions = []
    for diag, finding in pairs:
        checkpoint()
        if with_fix:
            fix = fixes.get((finding.code, finding.start, finding.end))
            actions += quick_fix(uri, diag, {"fix": convert.fix_data(source, fix, encoding)})
        actions += noqa_action(uri, diag, source, finding, encoding)
    return actions


def fix_all_action(outcome: analysis.Outcome, uri: str, only) -> types.CodeAction | None:
    """The fix-all action without its edit (cheap): resolved later, or turned into a command."""
    if not (wanted(only, FIX_ALL_KIND) and has_safe_fix(outcome)):
        return None
    return types.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL_KIND, data={"uri": uri, "fixAll": True})


def asks_for_fix_all(only) -> bool:
    """`context.only` names the fix-all kind (or a parent: source, source.fixAll), as on-save fixing does."""
    return bool(only) and any(FIX_ALL_KIND == k or FIX_ALL_KIND.startswith(f"{k}.") for k in only)


def as_command(action: types.CodeAction, uri: str) -> types.CodeAction:
    """For clients without codeAction/resolve: run `mpguard.fixAll` when chosen (which computes the
    edit then and sends it with workspace/applyEdit) instead of computing it for every request."""
    action.command = types.Command(title=FIX_ALL_TITLE, command="mpguard.fixAll", arguments=[uri])
    return action


def quick_fix(uri: str, diag: types.Diagnostic, data) -> list[types.CodeAction]:
    """The code action of a finding's fix: one WorkspaceEdit over its document and, for a fix that edits other
    modules of the project too (`Fix.others`), over those documents as well (applied together or not at all)."""
    edits = convert.edits_from_data(data)
    others = convert.other_edits_from_data(data)
    if others is None or not edits and not others or uri in others:
        return []
    fix = data["fix"]
    changes = {uri: edits, **others} if edits else others
    return [types.CodeAction(title=str(fix.get("title") or f"Fix {diag.code}"), kind=types.CodeActionKind.QuickFix,
                             diagnostics=[diag], edit=types.WorkspaceEdit(changes=changes),
                             is_preferred=fix.get("applicability") == Applicability.SAFE.value and not others)]


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
            return None  # a bare noqa comment already silences everything
        if code in re.split(r"[\s,]+", match.group("codes").upper()):
            return None
        pos, content = Position(row, match.end("codes")), f", {code}"
        break
    else:
        pos, content = Position(row, len(line)), f"{'  ' if line.strip() else ''}# noqa: {code}"
    return (pos, content) if still_parses(source, pos, content) else None




def top_level_span(source: SourceText, row: int) -> tuple[int, int]:
    """Offsets of the top-level statement around `row`, guessed from indentation (a line starting in
    column 0 with code, not `else:` and the like). The guess is checked by the caller."""
    lines = source.lines
    first = min(max(row, 1), len(lines))
    while first > 1 and (not lines[first - 1] or NOT_A_STATEMENT_RE.match(lines[first - 1])):
        first -= 1
    after = first + 1
    while after <= len(lines) and (not lines[after - 1] or NOT_A_STATEMENT_RE.match(lines[after - 1])):
        after += 1
    end = len(source.text) if after > len(lines) else source.offset(Position(after, 0))
    return source.offset(Position(first, 0)), end


def still_parses(source: SourceText, pos: Position, content: str) -> bool:
    """Does the text parse with `content` inserted at `pos`? Re-parses only the top-level statement
    around it when that statement parses alone (a code action on a large file stays cheap), else all."""
    text, offset = source.text, source.offset(pos)
    start, end = top_level_span(source, pos.row)
    if end - start < len(text) and parses(text[start:end]):
        local = text[start:end]
        return parses(local[:offset - start] + content + local[offset - start:])
    return parses(text[:offset] + content + text[offset:])


def has_safe_fix(outcome: analysis.Outcome) -> bool:
    """Might fix-all change anything? Fixes are built when asked for, so: does a finding's rule have one."""
    if outcome.stale:
        return False
    if any(f.fix and f.fix.applicability == Applicability.SAFE for f in outcome.findings):
        return True
    rules = [registry.get(f.code) for f in outcome.findings]
    return any(rule is not None and rule.fix_title and rule.safe_fix for rule in rules)


def fixed_text(outcome: analysis.Outcome) -> str:
    """Every safe fix, re-checking between rounds (runs on the fixes worker, see lsp/offload.py)."""
    job = outcome.job

    def check(text: str):
        checkpoint()  # between rounds: a cancelled or superseded fix-all stops here
        return analysis.run(replace(job, text=text), full=True, fixes=True).findings

    text, _ = fix_all(job.text, check)
    return text


def whole_edit(old: str, new: str, encoding: str) -> list[types.TextEdit]:
    """One edit covering only what changed (common prefix and suffix trimmed)."""
    if old == new:
        return []
    prefix, suffix = changed_span(old, new)
    source = SourceText(old)
    start, end = source.position(prefix), source.position(len(old) - suffix)
    return [convert.text_edit(source, start, end, new[prefix:len(new) - suffix], encoding)]


def resolve_fix_all(action: types.CodeAction, outcome: analysis.Outcome, encoding: str) -> types.CodeAction:
    edits = whole_edit(outcome.job.text, fixed_text(outcome), encoding)
    action.edit = types.WorkspaceEdit(changes={outcome.job.uri: edits})
    return action
