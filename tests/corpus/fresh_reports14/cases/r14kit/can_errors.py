"""python-can-like exception hierarchy and a channel description (shared by both neovi modules)."""
from dataclasses import dataclass, field
from typing import List, Optional


class CanError(Exception):
    """Base class for all CAN related exceptions; the error code is appended to the message."""

    def __init__(self, message: str = "", error_code: Optional[int] = None) -> None:
        self.error_code = error_code
        super().__init__(message if error_code is None else f"{message} [Error Code {error_code}]")


class CanInitializationError(CanError):
    """Indicates an error the occurred while initializing a bus."""


class CanOperationError(CanError):
    """Indicates an error while in operation."""


@dataclass
class ChannelSpec:
    serial: str
    channel: int
    bitrate: int = 500_000
    frames: List[int] = field(default_factory=list)
