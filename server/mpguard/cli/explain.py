"""`mpguard explain [FILE] [--root DIR]`: the rule behind a printed multiprocessing error, where it
happens in the project (file:line:column, with the finding's message and fix), and the rule's docs.
Exit 0 when the error was recognised, 1 when it was not, 2 on a usage error."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from mpguard.config import resolve
from mpguard.linter.explain import Explanation, explain
from mpguard.rules import registry
from mpguard.rules.docs import render_rule

MAX_INPUT = 1_000_000  # characters of traceback read (a log file's tail holds the error)


def run_explain(args) -> int:
    try:
        if args.file == "-":
            text = sys.stdin.read()
        else:
            text = Path(args.file).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        print(f"mpguard: error: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    root = Path(args.root)
    if not root.is_dir():
        print(f"mpguard: error: --root {args.root} is not a folder", file=sys.stderr)
        return 2
    found = explain(text[-MAX_INPUT:], root, lambda path: resolve(path, fallback=root).settings)
    if found is None:
        print("mpguard: not a multiprocessing error mpguard knows (no rule matches it)", file=sys.stderr)
        return 1
    if args.output_format == "json":
        print(json.dumps(as_dict(found), indent=2))
    else:
        print(as_text(found))
    return 0


def as_dict(found: Explanation) -> dict:
    rule = registry.get(found.code)
    return {
        "code": found.code, "name": rule.name, "summary": rule.summary, "url": rule.url,
        "matched": found.matched, "quoted": found.name,
        "sites": [{"path": s.path, "row": s.row, "column": s.column + 1, "end_row": s.end_row,
                   "end_column": s.end_column + 1 if s.end_column is not None else None, "how": s.how,
                   "message": s.finding.message if s.finding else None,
                   "fix": s.finding.fix.message if s.finding and s.finding.fix else None} for s in found.sites],
    }


def as_text(found: Explanation) -> str:
    rule = registry.get(found.code)
    lines = [f"{rule.code} {rule.name}: {rule.summary}.", f"  recognised: {found.matched}"]
    for site in found.sites:
        where = f"{site.path}:{site.row}:{site.column + 1}:"
        if site.finding is not None:
            lines.append(f"  {where} {site.finding.message}")
            if site.finding.fix is not None:
                lines.append(f"    fix ({site.finding.fix.applicability.value}): {site.finding.fix.message}"
                             f" (mpguard check --fix{' --unsafe-fixes' if site.finding.fix.applicability.value != 'safe' else ''})")
        else:
            lines.append(f"  {where} {'defined here' if site.how == 'definition' else 'the traceback passes here'}")
    if not found.sites:
        lines.append("  (not located in the project)")
    return "\n".join(lines) + "\n\n" + render_rule(rule)
