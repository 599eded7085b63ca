"""Hover: the per-platform story of a finding, or a short platform note on a multiprocessing API."""
from __future__ import annotations

import ast
import re

from mpguard.linter.analyze import parse
from mpguard.lsp.actions import top_level_span
from mpguard.text import markdown
from mpguard.text.findings import Finding, Position
from mpguard.semantic.names import ImportMap, api_kind
from mpguard.semantic.platforms import TargetSet
from mpguard.text.source import SourceText
from mpguard.rules import registry
from mpguard.rules.docs import current_environment_key, hover_markdown

PROCESS = ("`target`, `args` and `kwargs` are pickled under spawn and forkserver (the child re-imports "
           "the main module); under fork they are inherited, not pickled.")
POOL = ("Tasks, their arguments and their results are pickled under **every** start method; "
        "`initializer`/`initargs` are pickled under spawn and forkserver only.")
CHANNEL = ("Every item sent is pickled under every start method. The object itself may be passed to "
           "`Process` arguments or `Pool(initargs=...)`, not as a Pool task argument.")
SHARED = ("Share it by inheritance: `Process` arguments or `Pool(initargs=...)`. As a Pool task argument it "
          "raises `RuntimeError: ... should only be shared between processes through inheritance`.")
NOTES = {
    "Process": PROCESS, "Pool": POOL, "Executor": POOL,
    "Manager": "Starts a server process; proxies pickle fine anywhere, the values they carry are pickled.",
    "get_context": "Returns a context with its own start method; `get_context('fork')` raises `ValueError` on Windows.",
    "set_start_method": ("Overrides the platform default for the whole program. Call it once, under the main guard: "
                         "a second call (or one after the context was fixed) raises "
                         "`RuntimeError: context has already been set` unless `force=True`."),
    "get_start_method": "Without `allow_none=True` this fixes the start method: a later `set_start_method` raises.",
    "freeze_support": "Needed first thing under the main guard in frozen Windows executables; a no-op elsewhere.",
    "Queue": CHANNEL, "SimpleQueue": CHANNEL, "Pipe": CHANNEL, "Lock": SHARED, "Value": SHARED,
}


# Hovers on documents larger than this run on the hover worker (lsp/offload.py), not on the event loop.
INLINE_CHARS = 300_000
# A statement (or a file) larger than this is not parsed for a hover: no API note rather than a long parse.
PARSE_LIMIT = 100_000


def finding_hover(findings: list[Finding], source: SourceText, pos: Position, targets: TargetSet) -> tuple | None:
    hits = [f for f in findings if source.clamp(f.start) <= pos <= source.clamp(f.end)]
    parts = []
    for finding in hits:
        rule = registry.get(finding.code)
        parts.append(hover_markdown(rule, finding, targets) if rule
                     else f"**{finding.code}**: {markdown.escape(finding.message)}")
    if not parts:
        return None
    return "\n\n---\n\n".join(parts), (hits[0].start, hits[0].end)


def api_hover(source: SourceText, pos: Position, targets: TargetSet) -> tuple | None:
    """A platform note for the multiprocessing name under the cursor (qualified through imports).

    Parses only the top-level statement under the cursor and the import statements, not the file: a
    thread parsing a large file holds the GIL, so even off the event loop it would stall the server."""
    tree = _statement_tree(source, pos.row)
    if tree is None:
        return None
    imports = ImportMap()
    best = None
    for node in _import_statements(source):
        imports.add(node)
    for node in ast.walk(tree):  # imports inside the statement itself (a function's own imports)
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imports.add(node)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Name, ast.Attribute)) and node.end_lineno == node.lineno:
            start, end = source.node_start(node), source.node_end(node)
            width = end.column - start.column
            if start <= pos <= end and (best is None or width < best[0]):
                kind = api_kind(imports.qualify(node))
                if kind and kind.split(":")[0] in NOTES:
                    best = (width, start, end, imports.qualify(node), kind.split(":")[0])
    if best is None:
        return None
    _, start, end, qualified, kind = best
    return note_markdown(qualified, kind, targets), (start, end)


IMPORT = re.compile(r"^(?:from[ \t]+[\w.]+[ \t]+import[ \t]*\([^)]*\)|(?:from[ \t]+[\w.]+[ \t]+)?import[ \t][^\r\n]*)",
                    re.M)


def _import_statements(source: SourceText) -> list:
    """Top-level imports, each parsed on its own (a continued or odd line is simply skipped)."""
    out = []
    for match in IMPORT.finditer(source.text):
        try:
            out.extend(parse(match.group(0)).body)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
    return out


def _statement_tree(source: SourceText, row: int):
    """The top-level statement around `row`, parsed alone with its real line numbers (else the file, when
    it is small). None past PARSE_LIMIT: a document over the analysis limit is never parsed whole."""
    start, end = top_level_span(source, row)
    if end - start > PARSE_LIMIT:
        return None
    try:
        tree = parse(source.text[start:end])
        ast.increment_lineno(tree, source.position(start).row - 1)
        return tree
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        pass
    if len(source.text) > PARSE_LIMIT:
        return None
    try:
        return parse(source.text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def note_markdown(qualified: str, kind: str, targets: TargetSet) -> str:
    here = current_environment_key()
    lines = [f"**{markdown.code(qualified)}** (mpguard)", "", "| Platform | Default start method |", "|---|---|"]
    envs = sorted(targets.environments(), key=lambda env: env.key != here)
    for env in envs:
        label = f"**{env.label}** (this machine)" if env.key == here else env.label
        lines.append(f"| {label} | {env.method} |")
    lines += ["", NOTES[kind]]
    return "\n".join(lines)
