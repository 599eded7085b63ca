"""Rendering the one text of each rule: for `mpguard rule`, for hover, and for the README table."""
from __future__ import annotations

import sys
from typing import NamedTuple

from mpguard.semantic import errors
from mpguard.semantic.boundaries import libraries
from mpguard.semantic.platforms import ENVIRONMENTS, PLATFORMS, TargetSet, default_method
from mpguard.rules.registry import Rule, all_rules
from mpguard.text import markdown


def render_rule(rule: Rule) -> str:
    text = f"# {rule.code} {rule.name}\n\n{rule.summary}.\n\n{rule.docs.strip()}\n"
    covered = libraries_of(rule.code)
    if covered:
        text += "\n## Libraries\n\nAlso checked through these libraries' process boundaries (docs/libraries.md):\n\n"
        text += "".join(f"- {name}: {about.get('serializer', '')}; {about.get('start', '')}\n" for name, about in covered)
    return text


def libraries_of(code: str) -> list[tuple[str, dict]]:
    """The third-party libraries (semantic/data/boundaries.json) whose boundaries a rule judges."""
    return [(name, about) for name, about in sorted(libraries().items()) if code in about.get("codes", ())]


def current_environment_key(platform: str | None = None, version: tuple[int, int] | None = None) -> str:
    platform = platform or sys.platform
    version = version or sys.version_info[:2]
    if platform.startswith("win"):
        return "windows"
    if platform == "darwin":
        return "macos"
    return "linux>=3.14" if version >= (3, 14) else "linux<=3.13"


def base_error(rule: Rule, finding, platform: str, method: str) -> str:
    return getattr(finding, "error", None) or rule.errors.get(
        platform if platform in rule.errors else method) or next(iter(rule.errors.values()), "")


def _fails(finding, platform: str, method: str, version: tuple[int, int] | None = None) -> bool:
    versions = getattr(finding, "python_versions", None)
    if version is not None and versions is not None and tuple(version)[:2] not in versions:
        return False  # pickle accepts the object on that version
    later = version is not None and any(m == method and tuple(version)[:2] >= since
                                        for m, since in getattr(finding, "later_methods", ()))
    return platform not in getattr(finding, "unreachable_on", ()) and (
        method in finding.start_methods or platform in finding.extra_platforms or later)


def error_rows(rule: Rule, finding, targets: TargetSet | None = None) -> list[dict]:
    """The JSON's `errors`: one row per targeted platform and Python version where the code fails,
    with the error that version prints (semantic/errors.py)."""
    targets = targets or TargetSet()
    if not rule.breaks_under and not rule.platforms_only:
        return []
    error = getattr(finding, "error", None)
    key = (rule.code, tuple((k, _identity(v)) for k, v in sorted(rule.errors.items())), _identity(error),
           frozenset(finding.start_methods), frozenset(finding.extra_platforms),
           frozenset(getattr(finding, "unreachable_on", ())), getattr(finding, "python_versions", None),
           frozenset(getattr(finding, "later_methods", ())), targets)
    # Findings of one rule mostly share their error and start methods: a file with 2,000 lambdas
    # rendered the same rows 2,000 times (19 renderings each).
    rows = _ROWS.get(key)
    if rows is None:
        if len(_ROWS) > 4096:
            _ROWS.clear()
        rows = _ROWS[key] = _error_rows(rule, _Failing(error, *key[3:8]), targets)
    return [dict(row) for row in rows]  # the caller may change its rows


_ROWS: dict[tuple, tuple[dict, ...]] = {}


def _identity(text) -> tuple | None:
    """What tells two error texts apart: an `ErrorText` equals its 3.11 wording as a str, but its table
    entry and names give other words on other versions (a lambda in a comprehension is
    `main.<locals>.<dictcomp>.<lambda>` before 3.12 and `main.<locals>.<lambda>` after)."""
    if text is None:
        return None
    return str(text), getattr(text, "key", None), repr(sorted(getattr(text, "params", {}).items()))


def _error_rows(rule: Rule, finding, targets: TargetSet) -> tuple[dict, ...]:
    rows = []
    for platform in PLATFORMS:
        if platform not in targets.platforms:
            continue
        for version in targets.versions():
            method = default_method(platform, version)
            if _fails(finding, platform, method, version):
                rows.append({"platform": platform, "python": f"{version[0]}.{version[1]}", "start_method": method,
                             "error": str(errors.render(base_error(rule, finding, platform, method), version))})
    return tuple(rows)


class _Failing(NamedTuple):
    """What of a finding decides its error rows."""
    error: str | None
    start_methods: frozenset
    extra_platforms: frozenset
    unreachable_on: frozenset
    python_versions: frozenset | None
    later_methods: frozenset = frozenset()


def _span(versions: list[tuple[int, int]]) -> str:
    first, last = versions[0], versions[-1]
    return f"{first[0]}.{first[1]}" if first == last else f"{first[0]}.{first[1]}–{last[0]}.{last[1]}"


def outcome_rows(rule: Rule, finding, targets: TargetSet | None = None, here: str | None = None,
                 running: tuple[int, int] | None = None) -> list[dict]:
    """One row per environment and run of Python versions printing the same words: does the flagged
    code work there, and what error appears if not. The row of the machine mpguard runs on is marked."""
    targets = targets or TargetSet()
    here = here or current_environment_key()
    running = tuple(running or sys.version_info[:2])[:2]
    rows = []
    for env in targets.environments() or list(ENVIRONMENTS):
        base = base_error(rule, finding, env.platform, env.method)
        groups: list[tuple[list, bool, str]] = []
        for version in targets.versions_of(env) or [targets.max_version]:
            fails = _fails(finding, env.platform, env.method, version)
            error = str(errors.render(base, version)) if fails else ""
            if groups and groups[-1][1:] == (fails, error):
                groups[-1][0].append(version)
            else:
                groups.append(([version], fails, error))
        for versions, fails, error in groups:
            mine = env.key == here and (versions[0] <= running <= versions[-1] or len(groups) == 1)
            rows.append({"key": env.key, "label": env.label, "python": _span(versions), "method": env.method,
                         "fails": fails, "error": error, "here": mine})
    rows.sort(key=lambda r: not r["here"])
    return rows


def hover_markdown(rule: Rule, finding, targets: TargetSet | None = None, here: str | None = None) -> str:
    lines = [f"**{rule.code} {markdown.escape(rule.name)}**: {markdown.escape(finding.message)}", ""]
    if not rule.breaks_under and not rule.platforms_only:
        # MP0xx: the file was not analysed at all; no platform is better or worse off.
        rows = []
    else:
        lines += ["| Platform | Python | Default start method | Outcome |", "|---|---|---|---|"]
        rows = outcome_rows(rule, finding, targets, here)
    for row in _merged(rows):
        label = f"**{row['label']}** (this machine)" if row["here"] else row["label"]
        outcome = f"fails: {markdown.code(row['error'], in_table=True)}" if row["fails"] else "works"
        lines.append(f"| {label} | {row['python']} | {row['method']} | {outcome} |")
    what = rule.section("What it does")
    if what:
        lines += ["", what]
    fix = rule.section("Use instead")
    if fix:
        lines += ["", "**Use instead:**", "", fix]
    lines += ["", f"[{rule.code} documentation]({rule.url})"]
    return "\n".join(lines)


def _merged(rows: list[dict]) -> list[dict]:
    """Platforms whose Python versions, start method and outcome are the same share a row (Windows and
    macOS spawn alike), so that the hover stays short enough to be seen whole."""
    out: list[dict] = []
    for row in rows:
        same = next((r for r in out if not r["here"] and not row["here"] and
                     (r["python"], r["method"], r["fails"], r["error"]) ==
                     (row["python"], row["method"], row["fails"], row["error"])), None)
        if same is None:
            out.append(dict(row))
        else:
            same["label"] = f"{same['label']}, {row['label']}"
    return out


def rules_table() -> str:
    """The README's table of rules (generated; a test keeps the README in sync)."""
    lines = ["| Code | Name | What it flags | Breaks under (default start method) |", "|---|---|---|---|"]
    for rule in all_rules():
        later = [f"{m} ({v[0]}.{v[1]}+, some cases)" for m, v in sorted(rule.breaks_from.items())]
        where = ", ".join([*sorted(rule.breaks_under), *later]) or ", ".join(sorted(rule.platforms_only)) or "n/a"
        lines.append(f"| {rule.code} | `{rule.name}` | {rule.summary} | {where} |")
    return "\n".join(lines)
