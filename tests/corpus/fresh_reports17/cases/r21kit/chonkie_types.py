"""chonkie-like chunk types and recursive splitting rules (shared by both programs)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Chunk:
    text: str
    start_index: int
    end_index: int
    token_count: int


@dataclass
class RecursiveLevel:
    delimiters: list[str]


@dataclass
class RecursiveRules:
    levels: list[RecursiveLevel] = field(default_factory=lambda: [
        RecursiveLevel(["\n\n"]), RecursiveLevel([". ", "! ", "? "]), RecursiveLevel([" "])])


def split_keep(text: str, delimiters: list[str]) -> list[str]:
    pieces, current = [], ""
    i = 0
    while i < len(text):
        for d in delimiters:
            if text.startswith(d, i):
                current += d
                pieces.append(current)
                current = ""
                i += len(d)
                break
        else:
            current += text[i]
            i += 1
    if current:
        pieces.append(current)
    return pieces
