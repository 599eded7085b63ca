"""Settings: defaults, `[tool.mpguard]` in pyproject.toml, and overrides from the shells.

Unknown or ill-typed values never raise: they are reported as warnings and the default is kept.
"""
from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, Mapping

from mpguard.linter.settings import Settings  # noqa: F401  (the settings it builds; re-exported for the shells)
from mpguard.semantic.platforms import PLATFORMS, parse_version, versions_from_requires_python

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10 only
    import tomli as tomllib

SEVERITIES = ("error", "warning", "information", "hint")


KEYS = {
    "targets": "targets", "target": "targets",
    "python-version": "python_version", "pythonVersion": "python_version", "python_version": "python_version",
    "select": "select", "ignore": "ignore", "severity": "severity",
    "freeze-support": "freeze_support", "freezeSupport": "freeze_support", "freeze_support": "freeze_support",
}


def _codes(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.replace(" ", ",").split(",") if v]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ValueError("expected a list of rule codes")
    return tuple(v.strip().upper() for v in value)


def _targets(value: Any) -> frozenset[str]:
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple)) or not value:
        raise ValueError(f"expected a list among {', '.join(PLATFORMS)}")
    names = {str(v).strip().lower() for v in value}
    names = {"macos" if n in ("darwin", "mac", "osx") else "windows" if n in ("win32", "win") else n for n in names}
    bad = names - set(PLATFORMS)
    if bad:
        raise ValueError(f"unknown platform(s) {', '.join(sorted(bad))}; expected {', '.join(PLATFORMS)}")
    return frozenset(names)


def _python_version(value: Any) -> tuple[tuple[int, int], tuple[int, int]]:
    text = str(value).strip()
    if "-" in text:
        lo, hi = text.split("-", 1)
        return parse_version(lo), parse_version(hi)
    if any(op in text for op in "<>=~"):
        parsed = versions_from_requires_python(text)
        if parsed is None:
            raise ValueError(f"cannot read {text!r}")
        return parsed
    version = parse_version(text)
    if version[0] != 3:
        raise ValueError(f"{text!r} is not a Python 3 version")
    return version, version


def _severity(value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ValueError("expected a table of CODE = severity")
    out = {}
    for code, level in value.items():
        level = str(level).lower()
        level = {"warn": "warning", "info": "information"}.get(level, level)
        if level not in SEVERITIES:
            raise ValueError(f"{code}: severity must be one of {', '.join(SEVERITIES)}")
        out[str(code).upper()] = level
    return out


def merge(base: Settings, raw: Mapping[str, Any] | None, source: str = "settings") -> tuple[Settings, list[str]]:
    """Apply `raw` over `base`; return the result and human-readable warnings."""
    warnings: list[str] = []
    if raw is None:
        return base, warnings
    if not isinstance(raw, Mapping):
        return base, [f"{source}: expected a table of settings, got {type(raw).__name__}; using defaults"]
    settings = base
    for key, value in raw.items():
        name = KEYS.get(key)
        if name is None:
            if key not in ("showNotifications", "interpreter", "importStrategy", "trace", "path", "args"):
                warnings.append(f"{source}: unknown setting {key!r} ignored")
            continue
        try:
            if name == "targets":
                settings = replace(settings, targets=replace(settings.targets, platforms=_targets(value)))
            elif name == "python_version":
                if value in (None, ""):
                    continue
                lo, hi = _python_version(value)
                settings = replace(settings, targets=replace(settings.targets, min_version=lo, max_version=hi))
            elif name in ("select", "ignore"):
                settings = replace(settings, **{name: _codes(value)})
            elif name == "severity":
                settings = replace(settings, severity={**settings.severity, **_severity(value)})
            elif name == "freeze_support":
                if not isinstance(value, bool):
                    raise ValueError("expected true or false")
                settings = replace(settings, freeze_support=value)
        except (ValueError, TypeError) as exc:
            warnings.append(f"{source}: invalid value for {key!r} ({exc}); using the default")
    return settings, warnings


def find_pyproject(start: Path) -> Path | None:
    start = start if start.is_dir() else start.parent
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_pyproject(path: Path, base: Settings | None = None) -> tuple[Settings, list[str]]:
    base = base or Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return base, [f"{path}: cannot read ({exc}); using defaults"]
    settings, warnings = base, []
    requires = data.get("project", {}).get("requires-python") if isinstance(data.get("project"), dict) else None
    if isinstance(requires, str):
        parsed = versions_from_requires_python(requires)
        if parsed:
            lo, hi = parsed
            settings = replace(settings, targets=replace(settings.targets, min_version=lo, max_version=hi))
    table = data.get("tool", {}).get("mpguard") if isinstance(data.get("tool"), dict) else None
    settings, more = merge(settings, table, f"{path} [tool.mpguard]")
    return settings, warnings + more
