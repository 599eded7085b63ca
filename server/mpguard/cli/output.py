"""Rendering findings for the command line: full (the default; `text` is its old name), concise, json,
json-lines, github, gitlab, junit, pylint and sarif, as ruff names them."""
from __future__ import annotations

import json
import os

from mpguard.semantic.platforms import TargetSet
from mpguard.rules import registry
from mpguard.rules.registry import severity_of
from mpguard.cli.full import render_full, snippet_of
from mpguard.cli.reports import gitlab, junit, pylint_line
from mpguard.cli.sarif import file_uri, sarif  # noqa: F401  (file_uri: tests and callers read it here too)
from mpguard.rules.docs import error_rows

FORMATS = ("full", "concise", "text", "json", "json-lines", "github", "gitlab", "junit", "pylint", "sarif")
TEXT_FORMATS = ("full", "concise", "text")  # read by people: a summary follows on stdout


class Item(dict):
    """A finding as the JSON formats print it; `snippet` (the source around it, for `full`) is not part of
    the JSON."""

    snippet = None


def platforms_of(finding, targets: TargetSet) -> list[str]:
    return targets.affected(finding.start_methods, finding.extra_platforms, finding.unreachable_on,
                            finding.python_versions, getattr(finding, "later_methods", ()))


def as_dict(filename: str, finding, source, targets: TargetSet, cells=None) -> dict:
    rule = registry.get(finding.code)
    if cells:  # a notebook: rows count within the cell, and fixes are not applied to notebooks
        item = _in_cell(as_dict(filename, finding, None, targets), finding, cells)
        item.snippet = snippet_of(source, finding.start, finding.end, lambda row: _cell_of(cells, row))
        return item
    fix = finding.fix
    item = Item({
        "filename": filename,
        "code": finding.code,
        "name": rule.name if rule else finding.code,
        "message": finding.message,
        "severity": severity_of(finding),
        "location": {"row": finding.start.row, "column": finding.start.column + 1},
        "end_location": {"row": finding.end.row, "column": finding.end.column + 1},
        "start_methods": sorted(finding.start_methods),
        "platforms": platforms_of(finding, targets),
        # per targeted platform and Python version where it fails: the error that version prints
        "errors": error_rows(rule, finding, targets) if rule else [],
        "fix": None if fix is None else {
            "applicability": fix.applicability.value,
            "message": fix.message,
            "edits": [{"content": e.content,
                       "location": {"row": e.start.row, "column": e.start.column + 1},
                       "end_location": {"row": e.end.row, "column": e.end.column + 1}} for e in fix.edits],
            # edits of other files of the project, made with these or not at all (`Fix.others`)
            **({"files": [{"filename": other.path, "edits": [
                {"content": e.content, "location": {"row": e.start.row, "column": e.start.column + 1},
                 "end_location": {"row": e.end.row, "column": e.end.column + 1}} for e in other.edits]}
                for other in fix.others]} if fix.others else {}),
        },
        "url": rule.url if rule else None,
        # where the bad value was made, or where it reaches the child
        "related": [{"location": {"row": position.row, "column": position.column + 1}, "message": text}
                    for position, text in finding.related] + _related_file(finding),
    })
    item.snippet = snippet_of(source, finding.start, finding.end)
    return item


def _cell_of(cells, row: int) -> tuple[int, int]:
    """(cell, row within the cell) of a row of a notebook's module."""
    return cells[min(max(row, 1), len(cells)) - 1]


def _related_file(finding) -> list[dict]:
    """Where, in another module of the project, the hazard of the finding takes effect."""
    other = finding.related_file
    if other is None:
        return []
    path = os.path.relpath(other.path) if os.path.abspath(other.path).startswith(os.getcwd() + os.sep) else other.path
    entry = {"filename": path, "location": {"row": other.line, "column": 1}, "message": other.message}
    if other.site:  # the hazard happens there: `linter.sites` moves the finding there when that file is in the run
        entry["site"] = True
    return [entry]


def _in_cell(item: dict, finding, cells) -> dict:
    cell, row = _cell_of(cells, finding.start.row)
    end_cell, end_row = _cell_of(cells, finding.end.row)
    item["cell"] = cell
    item["location"] = {"row": row, "column": finding.start.column + 1}
    item["end_location"] = {"row": end_row, "column": finding.end.column + 1} if end_cell == cell \
        else dict(item["location"])
    item["fix"] = None
    return item


def render(fmt: str, items: list[dict], colour: bool = False) -> str:
    if fmt == "json":
        return json.dumps(items, indent=2)
    if fmt == "json-lines":
        return "\n".join(json.dumps(i, separators=(",", ":")) for i in items)
    if fmt == "github":
        return "\n".join(_github(i) for i in items)
    if fmt == "sarif":
        return json.dumps(sarif(items), indent=2)
    if fmt == "gitlab":
        return json.dumps(gitlab(items), indent=2)
    if fmt == "junit":
        return junit(items, _where)
    if fmt == "pylint":
        return "\n".join(pylint_line(i) for i in items)
    if fmt == "concise":
        return "\n".join(concise_line(i) for i in items)
    return "\n\n".join(render_full(i, getattr(i, "snippet", None), _where(i), _fixable(i), colour) for i in items)


def _where(item: dict) -> str:
    cell = f"cell {item['cell']}:" if "cell" in item else ""
    return f"{item['filename']}:{cell}{item['location']['row']}:{item['location']['column']}"


def _fixable(item: dict) -> str:
    return " [*]" if item["fix"] and item["fix"]["applicability"] == "safe" else ""


def concise_line(item: dict) -> str:
    return f"{_where(item)}: {item['code']}{_fixable(item)} {item['message']}"


def escape_data(text: str) -> str:
    """A GitHub workflow command's message (actions/toolkit's escapeData)."""
    return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value (escapeProperty): a file name cannot end the command early or
    start another one with a line break and `::error`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(item: dict) -> str:
    level = {"error": "error", "warning": "warning"}.get(item["severity"], "notice")
    properties = {"title": f"mpguard ({item['code']})", "file": item["filename"], "line": item["location"]["row"],
                  "col": item["location"]["column"], "endLine": item["end_location"]["row"],
                  "endColumn": item["end_location"]["column"]}
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{level} {joined}::{escape_data(item['code'] + ' ' + item['message'])}"
