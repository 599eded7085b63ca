"""Settings for one document: `[tool.mpguard]` of the nearest pyproject.toml, then the editor's settings.

Editor settings come from initializationOptions (top-level keys, or under "settings" or "mpguard"),
from workspace/didChangeConfiguration, or pulled with workspace/configuration (section "mpguard").
Invalid values never raise: `config.merge` turns them into warnings (shown once each) and keeps
the defaults.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

from mpguard.config import Settings, find_pyproject, load_pyproject, merge

WRAPPERS = ("settings", "mpguard")


def unwrap(raw: Any) -> Any:
    """{"settings": {...}} / {"mpguard": {...}} / {"settings": {"mpguard": {...}}} -> the inner table."""
    for _ in range(3):
        key = next((k for k in WRAPPERS if isinstance(raw, dict) and k in raw), None)
        if key is None or not (isinstance(raw[key], dict) or raw[key] is None):
            break
        raw = raw[key]
    return raw


class SettingsStore:
    def __init__(self, warn: Callable[[str], None]):
        self.warn = warn
        self.client: Any = None  # the editor's raw table (None: nothing configured)
        self.label = "editor settings"
        self.generation = 0  # bumps on every change: part of pull-diagnostic result ids
        self._pyproject: dict[tuple[str, float], tuple[Settings, list[str]]] = {}
        self._warned: set[str] = set()

    def set_client(self, raw: Any, label: str) -> None:
        raw = unwrap(raw)
        if raw is not None and not isinstance(raw, dict):
            self._report([f"{label}: expected an object of settings, got {type(raw).__name__}; using defaults"])
            raw = None
        self.client = raw
        self.label = label
        self.generation += 1
        self._warned.clear()
        self._report(merge(Settings(), raw, label)[1])  # validate now, before any file is open

    def for_path(self, path: str | None, root: str | None = None) -> Settings:
        base, warnings = self._base(path, root)
        settings, more = merge(base, self.client, self.label)
        self._report(warnings + more)
        return settings

    def _base(self, path: str | None, root: str | None) -> tuple[Settings, list[str]]:
        start = Path(path) if path else Path(root) if root else None
        pyproject = find_pyproject(start) if start is not None and start.exists() else None
        if pyproject is None:
            return Settings(), []
        try:
            key = (str(pyproject), os.stat(pyproject).st_mtime)
        except OSError:
            return Settings(), []
        if key not in self._pyproject:
            self._pyproject[key] = load_pyproject(pyproject)
        return self._pyproject[key]

    def _report(self, warnings: list[str]) -> None:
        for text in warnings:
            if text not in self._warned:
                self._warned.add(text)
                self.warn(text)
