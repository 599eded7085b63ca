"""Rendering the one text of each rule: for `mpguard rule`, for hover, and for the README table."""
from __future__ import annotations

import re
import sys

from mpguard.semantic.boundaries import libraries
from mpguard.semantic.platforms import ENVIRONMENTS, TargetSet
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


def outcome_rows(rule: Rule, finding, targets: TargetSet | None = None, here: str | None = None) -> list[dict]:
    """One row per environment: does the flagged code work there, and what error appears if not."""
    targets = targets or TargetSet()
    here = here or current_environment_key()
    rows = []
    for env in targets.environments() or list(ENVIRONMENTS):
        fails = env.method in finding.start_methods or env.platform in finding.extra_platforms
        error = getattr(finding, "error", None) or rule.errors.get(
            env.platform if env.platform in rule.errors else env.method) or next(iter(rule.errors.values()), "")
        if fails and env.key == "linux>=3.14":
            error = for_python_314(error)
        rows.append({"key": env.key, "label": env.label, "method": env.method, "fails": fails,
                     "error": error if fails else "", "here": env.key == here})
    rows.sort(key=lambda r: not r["here"])
    return rows


LOCAL_311 = re.compile(r"AttributeError: Can't pickle local object '([^']+)'")


def for_python_314(error: str) -> str:
    """3.14 reports local objects through _pickle.PicklingError (HAZARDS.md, "Exact messages")."""
    return LOCAL_311.sub(lambda m: f"_pickle.PicklingError: Can't pickle local object <function {m.group(1)} at 0x...>",
                         error)


def version_notes(error: str) -> list[str]:
    if LOCAL_311.search(error or ""):
        return ["On Python 3.13 the message reads `AttributeError: Can't get local object '...'`."]
    return []


def hover_markdown(rule: Rule, finding, targets: TargetSet | None = None, here: str | None = None) -> str:
    lines = [f"**{rule.code} {markdown.escape(rule.name)}**: {markdown.escape(finding.message)}", ""]
    if not rule.breaks_under and not rule.platforms_only:
        # MP0xx: the file was not analysed at all; no platform is better or worse off.
        rows = []
    else:
        lines += ["| Platform | Default start method | Outcome |", "|---|---|---|"]
        rows = outcome_rows(rule, finding, targets, here)
    for row in rows:
        label = f"**{row['label']}** (this machine)" if row["here"] else row["label"]
        outcome = f"fails: {markdown.code(row['error'], in_table=True)}" if row["fails"] else "works"
        lines.append(f"| {label} | {row['method']} | {outcome} |")
    if rows and any(r["fails"] for r in rows):
        lines += [f"\n{note}" for note in version_notes(rows[0]["error"] or next(r["error"] for r in rows if r["fails"]))]
    what = rule.section("What it does")
    if what:
        lines += ["", what]
    fix = rule.section("Use instead")
    if fix:
        lines += ["", "**Use instead:**", "", fix]
    lines += ["", f"[{rule.code} documentation]({rule.url})"]
    return "\n".join(lines)


def rules_table() -> str:
    """The README's table of rules (generated; a test keeps the README in sync)."""
    lines = ["| Code | Name | What it flags | Breaks under (default start method) |", "|---|---|---|---|"]
    for rule in all_rules():
        where = ", ".join(sorted(rule.breaks_under)) or ", ".join(sorted(rule.platforms_only)) or "n/a"
        lines.append(f"| {rule.code} | `{rule.name}` | {rule.summary} | {where} |")
    return "\n".join(lines)
