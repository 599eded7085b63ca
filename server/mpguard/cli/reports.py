"""The formats other tools read: GitLab Code Quality (`gitlab`), JUnit XML (`junit`) and pylint's
one-line format (`pylint`), shaped as ruff prints them."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path, PurePath

# GitLab's severities: info, minor, major, critical, blocker
GITLAB_SEVERITY = {"error": "major", "warning": "minor", "information": "info", "hint": "info"}


def pylint_line(item: dict) -> str:
    """`path:row: [CODE] message`; a notebook's finding names its cell (`x.ipynb:cell 4:2: ...`)."""
    cell = f"cell {item['cell']}:" if "cell" in item else ""
    return f"{item['filename']}:{cell}{item['location']['row']}: [{item['code']}] {item['message']}"


def _project_path(filename: str) -> str:
    """GitLab wants paths relative to the repository: to $CI_PROJECT_DIR in a GitLab job, else to the
    working folder."""
    path = PurePath(filename)
    if path.is_absolute():
        base = os.environ.get("CI_PROJECT_DIR") or os.getcwd()
        try:
            return Path(filename).resolve().relative_to(Path(base).resolve()).as_posix()
        except ValueError:
            return path.as_posix()
    return path.as_posix()


def gitlab(items: list[dict]) -> list[dict]:
    """GitLab Code Quality: the fingerprint follows a finding, not its row, so that a merge request that
    moves code does not report it as new: the rule, the file, the cell and the message, numbered when the
    same finding occurs more than once in a file."""
    seen: dict[str, int] = {}
    out = []
    for item in items:
        path = _project_path(item["filename"])
        key = "\0".join((item["code"], path, str(item.get("cell", "")), item["message"]))
        seen[key] = seen.get(key, -1) + 1
        fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode("utf-8")).hexdigest()
        out.append({
            "check_name": item["code"],
            "description": f"{item['code']}: {item['message']}",
            "severity": GITLAB_SEVERITY.get(item["severity"], "minor"),
            "fingerprint": fingerprint,
            "location": {"path": path, "positions": {
                "begin": {"line": item["location"]["row"], "column": item["location"]["column"]},
                "end": {"line": item["end_location"]["row"], "column": item["end_location"]["column"]}}},
        })
    return out


def junit(items: list[dict], where) -> str:
    """One test suite per file, one failed test case per finding; no finding is one passing case."""
    from xml.etree import ElementTree  # only for this format: `mpguard check` starts without it

    root = ElementTree.Element("testsuites", name="mpguard", tests=str(max(1, len(items))),
                               failures=str(len(items)), errors="0")
    if not items:
        suite = ElementTree.SubElement(root, "testsuite", name="mpguard", tests="1", disabled="0", errors="0",
                                       failures="0", package="org.mpguard")
        ElementTree.SubElement(suite, "testcase", name="No errors found")
    by_file: dict[str, list[dict]] = {}
    for item in items:
        by_file.setdefault(item["filename"], []).append(item)
    for filename, findings in by_file.items():
        suite = ElementTree.SubElement(root, "testsuite", name=filename, tests=str(len(findings)), disabled="0",
                                       errors="0", failures=str(len(findings)), package="org.mpguard")
        classname = PurePath(filename).with_suffix("").as_posix().replace("/", ".")
        for item in findings:
            case = ElementTree.SubElement(suite, "testcase", name=f"org.mpguard.{item['code']}",
                                          classname=classname, line=str(item["location"]["row"]),
                                          column=str(item["location"]["column"]))
            failure = ElementTree.SubElement(case, "failure", message=item["message"])
            failure.text = f"{where(item)}: {item['code']} {item['message']}"
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode")
