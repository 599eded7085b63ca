"""Rendering findings for the command line: text, concise, json, json-lines, github and sarif."""
from __future__ import annotations

import json
import os
from pathlib import Path, PurePath
from urllib.parse import quote

from mpguard import __version__
from mpguard.semantic.platforms import TargetSet
from mpguard.rules import registry
from mpguard.rules.registry import severity_of
from mpguard.rules.docs import error_rows

FORMATS = ("text", "concise", "json", "json-lines", "github", "sarif")


def platforms_of(finding, targets: TargetSet) -> list[str]:
    return targets.affected(finding.start_methods, finding.extra_platforms)


def as_dict(filename: str, finding, source, targets: TargetSet, cells=None) -> dict:
    rule = registry.get(finding.code)
    if cells:  # a notebook: rows count within the cell, and fixes are not applied to notebooks
        return _in_cell(as_dict(filename, finding, source, targets), finding, cells)
    fix = finding.fix
    return {
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
        },
        "url": rule.url if rule else None,
        # where the bad value was made, or where it reaches the child
        "related": [{"location": {"row": position.row, "column": position.column + 1}, "message": text}
                    for position, text in finding.related],
    }


def _in_cell(item: dict, finding, cells) -> dict:
    def cell_of(row: int) -> tuple[int, int]:
        return cells[min(max(row, 1), len(cells)) - 1]

    cell, row = cell_of(finding.start.row)
    end_cell, end_row = cell_of(finding.end.row)
    item["cell"] = cell
    item["location"] = {"row": row, "column": finding.start.column + 1}
    item["end_location"] = {"row": end_row, "column": finding.end.column + 1} if end_cell == cell \
        else dict(item["location"])
    item["fix"] = None
    return item


def render(fmt: str, items: list[dict]) -> str:
    if fmt == "json":
        return json.dumps(items, indent=2)
    if fmt == "json-lines":
        return "\n".join(json.dumps(i, separators=(",", ":")) for i in items)
    if fmt == "github":
        return "\n".join(_github(i) for i in items)
    if fmt == "sarif":
        return json.dumps(_sarif(items), indent=2)
    if fmt == "concise":
        return "\n".join(concise_line(i) for i in items)
    return "\n".join(text_line(i) for i in items)


def _where(item: dict) -> str:
    cell = f"cell {item['cell']}:" if "cell" in item else ""
    return f"{item['filename']}:{cell}{item['location']['row']}:{item['location']['column']}"


def _fixable(item: dict) -> str:
    return " [*]" if item["fix"] and item["fix"]["applicability"] == "safe" else ""


def text_line(item: dict) -> str:
    where = ", ".join(item["platforms"]) or "no target"
    return f"{_where(item)}: {item['code']}{_fixable(item)} {item['message']} [breaks on: {where}]"


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


def file_uri(filename: str) -> str:
    """A SARIF artifact URI: `file:` for an absolute path, else a relative reference with its characters
    percent-encoded (spaces, '#', '?', '%', and ':' that would read as a scheme)."""
    path = PurePath(filename)
    if path.is_absolute():
        return Path(filename).as_uri()
    return quote(path.as_posix(), safe="/")


def _sarif(items: list[dict]) -> dict:
    codes = sorted({i["code"] for i in items})
    rules = []
    for code in codes:
        rule = registry.get(code)
        rules.append({"id": code, "name": rule.name if rule else code,
                      "shortDescription": {"text": rule.summary if rule else code},
                      "helpUri": rule.url if rule else None,
                      "fullDescription": {"text": rule.section("What it does") if rule else ""}})
    level = {"error": "error", "warning": "warning", "information": "note", "hint": "note"}
    results = [{
        "ruleId": i["code"], "level": level.get(i["severity"], "warning"), "message": {"text": i["message"]},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(i["filename"]), "region": {
            "startLine": i["location"]["row"], "startColumn": i["location"]["column"],
            "endLine": i["end_location"]["row"], "endColumn": i["end_location"]["column"]}}}],
        "properties": {"start_methods": i["start_methods"], "platforms": i["platforms"]},
    } for i in items]
    return {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
            "runs": [{"tool": {"driver": {"name": "mpguard", "version": __version__,
                                          "informationUri": "https://github.com/mpguard/mpguard", "rules": rules}},
                      "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.getcwd()).as_uri().rstrip("/") + "/"}},
                      "results": results}]}


def _artifact(filename: str) -> dict:
    uri = file_uri(filename)
    return {"uri": uri} if uri.startswith("file:") else {"uri": uri, "uriBaseId": "%SRCROOT%"}
