"""SARIF 2.1.0 (what GitHub code scanning reads): valid artifact URIs, a notebook finding's cell, and
the fixes as replacements. tests/test_output_formats.py validates it against the SARIF schema."""
from __future__ import annotations

import os
from pathlib import Path, PurePath
from urllib.parse import quote

from mpguard import __version__
from mpguard.rules import registry

LEVEL = {"error": "error", "warning": "warning", "information": "note", "hint": "note"}


def file_uri(filename: str) -> str:
    """A SARIF artifact URI: `file:` for an absolute path, else a relative reference with its characters
    percent-encoded (spaces, '#', '?', '%', and ':' that would read as a scheme)."""
    path = PurePath(filename)
    if path.is_absolute():
        return Path(filename).as_uri()
    return quote(path.as_posix(), safe="/")


def artifact(filename: str) -> dict:
    uri = file_uri(filename)
    return {"uri": uri} if uri.startswith("file:") else {"uri": uri, "uriBaseId": "%SRCROOT%"}


def _region(location: dict, end_location: dict) -> dict:
    return {"startLine": location["row"], "startColumn": location["column"],
            "endLine": end_location["row"], "endColumn": end_location["column"]}


def _rule(code: str) -> dict:
    rule = registry.get(code)
    if rule is None:
        return {"id": code, "shortDescription": {"text": code}}
    return {"id": code, "name": rule.name, "shortDescription": {"text": rule.summary}, "helpUri": rule.url,
            "fullDescription": {"text": rule.section("What it does") or rule.summary},
            "help": {"text": rule.docs or rule.summary, "markdown": rule.docs or rule.summary},
            "defaultConfiguration": {"level": LEVEL.get(rule.severity, "warning")}}


def _location(item: dict) -> dict:
    location = {"physicalLocation": {"artifactLocation": artifact(item["filename"]),
                                     "region": _region(item["location"], item["end_location"])}}
    if "cell" in item:  # rows count within the cell, as Jupyter numbers them
        location["logicalLocations"] = [{"name": f"cell {item['cell']}", "kind": "notebookCell"}]
        location["properties"] = {"cell": item["cell"]}
    return location


def _fixes(item: dict) -> list[dict]:
    fix = item["fix"]
    if not fix:
        return []
    replacements = [{"deletedRegion": _region(edit["location"], edit["end_location"]),
                     "insertedContent": {"text": edit["content"]}} for edit in fix["edits"]]
    return [{"description": {"text": fix["message"]},
             "artifactChanges": [{"artifactLocation": artifact(item["filename"]), "replacements": replacements}],
             "properties": {"applicability": fix["applicability"]}}]


def _result(item: dict, rule_index: dict) -> dict:
    result = {"ruleId": item["code"], "ruleIndex": rule_index[item["code"]],
              "level": LEVEL.get(item["severity"], "warning"), "message": {"text": item["message"]},
              "locations": [_location(item)],
              "properties": {"start_methods": item["start_methods"], "platforms": item["platforms"]}}
    fixes = _fixes(item)
    if fixes:
        result["fixes"] = fixes
    return result


def sarif(items: list[dict]) -> dict:
    codes = sorted({i["code"] for i in items})
    rule_index = {code: n for n, code in enumerate(codes)}
    return {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
            "runs": [{"tool": {"driver": {"name": "mpguard", "version": __version__,
                                          "informationUri": "https://github.com/mpguard/mpguard",
                                          "rules": [_rule(code) for code in codes]}},
                      "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.getcwd()).as_uri().rstrip("/") + "/"}},
                      # mpguard counts columns in characters (code points), not UTF-16 units
                      "columnKind": "unicodeCodePoints",
                      "results": [_result(i, rule_index) for i in items]}]}
