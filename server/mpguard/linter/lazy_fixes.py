"""Fixes built only when the output shows them (issue 19).

`analyze(..., fixes="lazy")` leaves each finding's fix unbuilt (`Finding.lazy_fix`). The shell then
says what it shows, per file, before the file's result leaves the worker (an unbuilt fix holds the
module's tree, which neither crosses a process boundary nor should outlive the file):

- "all": every fix (JSON and JSON lines carry them), within a budget of fix text, so that a shape
  whose every fix spans the rest of the module (a thousand pools created at import time) cannot
  turn a check into quadratic work and output;
- "marks": the fixes of a file with at most MARKED findings and MARKED_ROWS rows, for the text
  formats' `[*]` marks and the "fixable with --fix" count. Past that nobody reads the marks one by
  one, and the first fix alone may cost as much as the analysis (a symbol table of a 2,000-line
  block; MP101's fix moves the rest of the module); `--fix`, `--diff` and JSON build every fix;
- "none": no fix (SARIF, GitHub annotations and `--statistics` show none).

Building a fix later gives the fix the analysis would have built (the builder sees the same tree,
the same context and the same knowledge of the module's statements); tests/test_lazy_fixes.py
compares the two on the corpora.
"""
from __future__ import annotations

from dataclasses import replace

from mpguard.text.findings import Finding

MARKED = 500
MARKED_ROWS = 10_000
BUDGET_MIN_CHARS = 1_000_000  # edit text the fixes of one file may hold, at least ...
BUDGET_PER_SOURCE_CHAR = 8  # ... or this many times the file's size


def wanted_for(output_format: str, statistics: bool = False) -> str:
    """Which fixes an output format of `mpguard check` shows."""
    if statistics:
        return "none"
    if output_format in ("json", "json-lines", "sarif"):  # SARIF carries the fixes as replacements
        return "all"
    if output_format in ("full", "text", "concise"):  # the [*] marks, and `full`'s "help:" line
        return "marks"
    return "none"


def settle(findings: list[Finding], wanted: str, text: str = "") -> tuple[list[Finding], int]:
    """The findings with the fixes `wanted` built and every other fix dropped, and how many findings
    lost a fix they may have had to the limits (0 on ordinary files). `text` is the module's; "all"
    without it has no budget: `analyze(..., fixes=True)` builds every fix of the findings it keeps."""
    limit = {"all": len(findings), "marks": MARKED, "none": 0}[wanted]
    if wanted == "marks" and (len(findings) > MARKED or text.count("\n") >= MARKED_ROWS):
        limit = 0
    budget = max(BUDGET_MIN_CHARS, BUDGET_PER_SOURCE_CHAR * len(text)) if wanted == "all" and text else None
    out, spent, skipped = [], 0, 0
    for finding in findings:
        lazy = finding.lazy_fix
        if lazy is None:
            out.append(finding)
            continue
        fix = None
        if limit > 0 and (budget is None or spent <= budget):
            limit -= 1
            fix = lazy.force()
            if fix is not None and budget is not None:
                spent += sum(len(edit.content) for edit in fix.edits)
        elif wanted != "none":
            skipped += 1
        out.append(replace(finding, fix=fix, lazy_fix=None))
    return out, skipped
