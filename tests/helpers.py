"""Small helpers for rule tests: analyse a dedented source string and look at the findings."""
from __future__ import annotations

import textwrap

from mpguard.linter.analyze import analyze


def check(src: str, **kwargs):
    return analyze(textwrap.dedent(src), **kwargs).findings


def codes(src: str, **kwargs) -> set[str]:
    return {f.code for f in check(src, **kwargs)}


def found(src: str, code: str, **kwargs) -> list:
    return [f for f in check(src, **kwargs) if f.code == code]


def methods(src: str, code: str, **kwargs) -> set[str]:
    out = set()
    for finding in found(src, code, **kwargs):
        out |= set(finding.start_methods)
    return out


def rows(src: str, code: str, **kwargs) -> list[int]:
    return sorted(f.start.row for f in found(src, code, **kwargs))
