"""Run-time settings of the etlkit command line tools.

Tools call configure() once after parsing their command line; library code
reads the settings back with active().
"""
from dataclasses import dataclass, field


@dataclass
class Settings:
    verbose: bool = False
    scale: float = 1.0
    tags: list = field(default_factory=list)


_ACTIVE = Settings()


def configure(**overrides):
    global _ACTIVE
    _ACTIVE = Settings(**overrides)
    return _ACTIVE


def active():
    return _ACTIVE
