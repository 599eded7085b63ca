"""Settings for one document: the nearest configuration file (`.mpguard.toml`, `mpguard.toml`, or a
pyproject.toml with [tool.mpguard]), then the editor's settings, then the file's per-file-ignores:
`config.resolve`, the function the command line uses too.

Editor settings come from initializationOptions (top-level keys, or under "settings" or "mpguard"),
from workspace/didChangeConfiguration, or pulled with workspace/configuration (section "mpguard").
Invalid values never raise: `config.merge_config` turns them into warnings (shown once each) and keeps
the defaults; an unknown or empty rule code is left out with a warning, never read as "every rule".
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from mpguard.config import EditorOptions, Settings, editor_options, merge, resolve
from mpguard.lsp.editor import apply_logging

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
        self.options = EditorOptions()  # the server's own behaviour: lint.run, code actions, logging
        self.label = "editor settings"
        self.generation = 0  # bumps on every change: part of pull-diagnostic result ids
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
        self.options, problems = editor_options(raw, label)
        apply_logging(self.options)
        self._report(problems + merge(Settings(), raw, label)[1])  # validate now, before any file is open

    def for_path(self, path: str | None, root: str | None = None) -> Settings:
        folder = Path(root) if root else None  # the editor's glob patterns are relative to the workspace
        resolved = resolve(path, [(self.client, self.label, folder)], fallback=root,
                           preference=self.options.configuration_preference)
        self._report(list(resolved.messages))
        return resolved.settings

    def _report(self, warnings: list[str]) -> None:
        for text in warnings:
            if text not in self._warned:
                self._warned.add(text)
                self.warn(text)
