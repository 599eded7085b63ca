"""Request handlers: hover, code actions, pull diagnostics and the two commands.

Each waits for the analysis of the document *as it is now* (`scheduler.current`), so it never
answers from an outdated version; anything heavy runs on a request worker (lsp/offload.py), never on the
loop, and is given up when the request is cancelled or the document changes.
"""
from __future__ import annotations

import asyncio

from lsprotocol import types
from pygls.exceptions import JsonRpcContentModified

from mpguard.lsp import actions, convert, editor, hover as hovers, wire
from mpguard.lsp.protocol import Encoded
from mpguard.lsp.state import MpguardServer
from mpguard.rules import registry
from mpguard.rules.docs import render_rule


async def hover(ls: MpguardServer, params: types.HoverParams) -> types.Hover | None:
    if not ls.settings.options.enable:
        return None
    uri = params.text_document.uri
    outcome = await ls.current(uri)
    if outcome is None:
        return None
    encoding = ls.encoding
    if len(outcome.job.text) <= hovers.INLINE_CHARS:  # a few milliseconds at most: answered right here
        found = hover_at(outcome, params.position, encoding)
    else:
        found = await ls.offload.run("hover", uri, hover_at, outcome, params.position, encoding)
    if found is None:
        return None
    text, rng = found
    formats = ls.capability("text_document.hover.content_format")
    kind = types.MarkupKind.Markdown if not formats or types.MarkupKind.Markdown in formats \
        else types.MarkupKind.PlainText
    return types.Hover(contents=types.MarkupContent(kind=kind, value=text), range=rng)


def hover_at(outcome, position: types.Position, encoding: str):
    """(markdown, LSP range) of the hover at `position`, or None (on a hover worker for large documents)."""
    source = outcome.source
    pos = convert.from_lsp_position(source, position, encoding)
    targets = outcome.job.settings.targets
    found = hovers.finding_hover(outcome.findings, source, pos, targets) or hovers.api_hover(source, pos, targets)
    if found is None:
        return None
    text, (start, end) = found
    return text, convert.to_lsp_range(source, start, end, encoding)


async def code_action(ls: MpguardServer, params: types.CodeActionParams):
    """Quick fixes and noqa actions from the current outcome, built and encoded on the fixes worker (never
    on the loop). Fix-all's edit (several re-analyses) is computed here only when `context.only` asks
    for it and the client cannot resolve it later; otherwise it comes from codeAction/resolve, or
    `mpguard.fixAll`."""
    uri = params.text_document.uri
    outcome = await ls.current(uri)
    if outcome is None:
        return None
    if "edit" in (ls.capability("text_document.code_action.resolve_support.properties") or []):
        fix_all = "resolve"  # resolved on demand
    elif actions.asks_for_fix_all(params.context.only) or not ls.capability("workspace.apply_edit"):
        fix_all = "now"
    else:
        fix_all = "command"
    return await ls.offload.run("fixes", uri, _code_actions, outcome, params, ls.encoding, fix_all,
                                ls.settings.options)


def _code_actions(outcome, params: types.CodeActionParams, encoding: str, fix_all: str, options) -> Encoded:
    uri = params.text_document.uri
    found = actions.for_range(outcome, params, encoding)
    fix = actions.fix_all_action(outcome, uri, params.context.only)
    if fix is not None:
        if fix_all == "now":
            fix = actions.resolve_fix_all(fix, outcome, encoding)
        elif fix_all == "command":
            fix = actions.as_command(fix, uri)
        found.append(fix)
    return Encoded(wire.encode(editor.allowed_actions(found, options)))


async def resolve_code_action(ls: MpguardServer, action: types.CodeAction) -> types.CodeAction:
    data = action.data if isinstance(action.data, dict) else {}
    if not data.get("fixAll") or action.edit is not None:
        return action
    uri = str(data.get("uri"))
    outcome = await ls.current(uri)
    if outcome is None or outcome.stale:
        return action
    return await ls.offload.run("fix-all", uri, actions.resolve_fix_all, action, outcome, ls.encoding)


async def pull_diagnostics(ls: MpguardServer, params: types.DocumentDiagnosticParams):
    uri = params.text_document.uri
    if not ls.settings.options.enable:
        return types.RelatedFullDocumentDiagnosticReport(items=[])
    held = ls.gate.held_report(uri, params.previous_result_id)  # lint.run = onSave, edited since saved
    if held is not None:
        return held
    outcome = await ls.current(uri, refined=True)
    if outcome is None:
        return types.RelatedFullDocumentDiagnosticReport(items=[])
    result_id = f"{outcome.job.version}:{outcome.serial}"
    if params.previous_result_id == result_id:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=result_id)
    items = ls.diagnostics(outcome)
    if not ls.gate.holds(uri):
        ls.gate.remember(uri, result_id, items)
    return types.RelatedFullDocumentDiagnosticReport(items=items, result_id=result_id)


def show_rule(ls: MpguardServer, *args) -> str:
    code = args[0] if args else ""
    code = code.get("code", "") if isinstance(code, dict) else str(code)
    rule = registry.get(code) if code else None
    return render_rule(rule) if rule else f"mpguard: unknown rule {code!r}"


async def fix_all(ls: MpguardServer, *args) -> dict:
    uri = args[0] if args else ""
    uri = uri.get("uri", "") if isinstance(uri, dict) else str(uri)
    outcome = await ls.current(uri)
    if outcome is None or outcome.stale:
        return {"applied": False, "reason": "no analysis for this document (closed, or it does not parse)"}
    try:
        text = await ls.offload.run("fix-all", uri, actions.fixed_text, outcome)
    except JsonRpcContentModified:
        return {"applied": False, "reason": "the document changed while its fixes were computed"}
    edits = actions.whole_edit(outcome.job.text, text, ls.encoding)
    if not edits:
        return {"applied": False, "reason": "nothing to fix"}
    result = await ls.workspace_apply_edit_async(types.ApplyWorkspaceEditParams(
        edit=types.WorkspaceEdit(changes={uri: edits}), label=actions.FIX_ALL_TITLE))
    return {"applied": bool(result and result.applied)}


def debug_info(ls: MpguardServer, *args) -> str:
    uri = args[0] if args else None
    uri = uri.get("uri") if isinstance(uri, dict) else uri
    return editor.debug_info(ls, str(uri) if uri else None)


async def migrate(ls: MpguardServer, *args) -> dict:
    """`mpguard.migrate`: `mpguard migrate` for the workspace folder (files as saved on disk).
    Argument (optional): {"from": "3.13", "to": "3.14", "platform": "linux"}. Answers the JSON items
    and the markdown report, for the client to show."""
    from mpguard.linter.files import discover
    from mpguard.linter.migrate import as_items, migrate_paths, render

    options = args[0] if args and isinstance(args[0], dict) else {}
    old, new = str(options.get("from", "3.13")), str(options.get("to", "3.14"))
    platform = str(options.get("platform", "linux"))
    root = ls.workspace.root_path
    if not root:
        return {"changes": [], "markdown": "", "reason": "no workspace folder"}

    def work():
        jobs = [(path, ls.settings.for_path(str(path), root), None) for path in discover([root])]
        changes = migrate_paths(jobs, platform, old, new)
        return {"changes": as_items(changes), "markdown": render("markdown", changes, old, new, platform)}

    try:
        return await asyncio.get_running_loop().run_in_executor(ls.executor, work)
    except ValueError as exc:  # a version or platform mpguard does not know
        return {"changes": [], "markdown": "", "reason": str(exc)}
