"""The settings the linter runs with, as plain values. `mpguard.config` builds them from pyproject.toml,
the command line and the editor; the linter and the rules only read them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from mpguard.rules.registry import off_by_default
from mpguard.semantic.platforms import TargetSet


@dataclass(frozen=True)
class Settings:
    targets: TargetSet = field(default_factory=TargetSet)
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    freeze_support: bool = False
    file_timeout: float = 60.0  # seconds one file may take on the command line; 0: no limit

    def enabled(self, code: str) -> bool:
        if self.select and not any(code.startswith(prefix) for prefix in self.select):
            return False
        if code in off_by_default() and not any(code.startswith(p) and len(p) > 2 for p in self.select):
            return False  # a rule outside the default set needs its own code (or a narrow prefix)
        return not any(code.startswith(prefix) for prefix in self.ignore)
