"""Rules are data: a stable code, a descriptive name, where they bite, and one text of docs.

Hover, `mpguard rule CODE` and the README's rule table all render from `Rule.docs`.
"""
from __future__ import annotations

import re
from pathlib import Path
from dataclasses import dataclass, field

DOCS_URL = "https://github.com/mpguard/mpguard/blob/main/docs/rules.md#{anchor}"
SECTIONS = ("What it does", "Why is this bad", "Example", "Use instead", "Fix safety")
PLATFORM_HEADINGS = ("Windows", "macOS", "Linux up to 3.13", "Linux 3.14+")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    # The start methods under which the pattern bites when nothing in the code overrides
    # the platform default (the finding itself carries the exact set for the code at hand).
    breaks_under: frozenset[str]
    # Exact error (or symptom) the user sees, by start method; "windows" for Windows-only text.
    errors: dict[str, str]
    severity: str = "warning"
    fix_title: str | None = None
    safe_fix: bool = True  # may the fix be SAFE (applied by fix-all)? False: it is always UNSAFE
    notebook: bool = False  # its docs' examples are notebook cells, not scripts
    platforms_only: frozenset[str] = field(default=frozenset())
    # Start methods under which the pattern also bites from a Python version on, in some cases (the finding
    # says when: `Finding.later_methods`): {"forkserver": (3, 14)} for state the script makes at import.
    breaks_from: dict[str, tuple[int, int]] = field(default_factory=dict)
    # Not in the default set (like ruff's rules outside its defaults): on only when selected by its own
    # code or a prefix narrower than "MP" ("MP4", "MP403"), e.g. `extend-select = ["MP403"]`.
    default_enabled: bool = True

    @property
    def docs(self) -> str:
        """Markdown with the sections in SECTIONS, from `rules/docs/<CODE>.md`."""
        return _docs_text(self.code)

    @property
    def url(self) -> str:
        return DOCS_URL.format(anchor=f"{self.code.lower()}-{self.name}")

    def section(self, title: str) -> str:
        match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", self.docs, re.S | re.M)
        return match.group(1).strip() if match else ""

    def code_block(self, title: str) -> str:
        match = re.search(r"```python\n(.*?)```", self.section(title), re.S)
        return match.group(1) if match else ""


RULES: dict[str, Rule] = {}
_DOCS: dict[str, str] = {}


def _docs_text(code: str) -> str:
    if code not in _DOCS:
        path = Path(__file__).with_name("docs") / f"{code}.md"
        try:
            _DOCS[code] = path.read_text(encoding="utf-8")
        except OSError:
            _DOCS[code] = ""
    return _DOCS[code]


def register(rule: Rule) -> Rule:
    if rule.code in RULES:
        raise ValueError(f"duplicate rule code {rule.code}")
    RULES[rule.code] = rule
    return rule


def get(code: str) -> Rule | None:
    _load()
    return RULES.get(code.upper())


_OFF: list = []


def off_by_default() -> frozenset[str]:
    """Codes outside the default set (asked for every finding: computed once)."""
    if not _OFF:
        _OFF.append(frozenset(rule.code for rule in all_rules() if not rule.default_enabled))
    return _OFF[0]


def severity_of(finding) -> str:
    """The finding's configured severity, else its rule's default."""
    if finding.severity:
        return finding.severity
    rule = get(finding.code)
    return rule.severity if rule else "warning"


def all_rules() -> list[Rule]:
    _load()
    return [RULES[c] for c in sorted(RULES)]


def _load() -> None:
    # Rule families register themselves on import; import them lazily so that the registry
    # module itself stays dependency-free.
    from mpguard.rules import catalog  # noqa: F401
