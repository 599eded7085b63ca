"""The `mpguard.explain` command: a pasted traceback -> the rule, its docs, and the sites in the
workspace (LSP locations) where the editor jumps and offers the finding's quick fix."""
from __future__ import annotations

import asyncio
from pathlib import Path

from pygls.uris import from_fs_path

from mpguard.linter.explain import Explanation, explain
from mpguard.lsp import convert
from mpguard.rules import registry
from mpguard.rules.docs import render_rule
from mpguard.text.findings import Position
from mpguard.text.source import SourceText

MAX_INPUT = 1_000_000


async def explain_command(ls, *args) -> dict:
    text = args[0] if args else ""
    text = text.get("text", "") if isinstance(text, dict) else text
    if not isinstance(text, str) or not text.strip():
        return {"code": None, "reason": "no error text given"}
    root = ls.workspace.root_path
    found = await asyncio.get_running_loop().run_in_executor(
        ls.executor, lambda: explain(text[-MAX_INPUT:], root, lambda path: ls.settings.for_path(str(path), root)))
    if found is None:
        return {"code": None, "reason": "not a multiprocessing error mpguard knows (no rule matches it)"}
    return as_json(ls, found)


def as_json(ls, found: Explanation) -> dict:
    rule = registry.get(found.code)
    return {"code": rule.code, "name": rule.name, "summary": rule.summary, "url": rule.url,
            "matched": found.matched, "quoted": found.name, "docs": render_rule(rule),
            "sites": [site_json(ls, site) for site in found.sites]}


def site_json(ls, site) -> dict:
    uri = from_fs_path(site.path) or Path(site.path).as_uri()
    doc = ls.document(uri)
    if doc is not None:
        source = SourceText(doc.source)
    else:
        try:
            source = SourceText(Path(site.path).read_text(encoding="utf-8", errors="replace"))
        except OSError:
            source = SourceText("")
    start = Position(max(site.row, 1), site.column)
    end = Position(site.end_row, site.end_column) if site.end_row else start
    finding = site.finding
    return {"uri": uri, "range": _range(convert.to_lsp_range(source, start, end, ls.encoding)), "how": site.how,
            "message": finding.message if finding else None,
            "fix": finding.fix.message if finding is not None and finding.fix is not None else None}


def _range(rng) -> dict:
    return {"start": {"line": rng.start.line, "character": rng.start.character},
            "end": {"line": rng.end.line, "character": rng.end.character}}
