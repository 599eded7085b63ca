"""pyctcdecode-like alphabet and language model (shared by both decoder versions)."""
from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Alphabet:
    labels: tuple[str, ...]
    blank: str = ""

    @property
    def blank_index(self) -> int:
        return self.labels.index(self.blank)


class LanguageModel:
    """A unigram model standing in for a (large) KenLM model."""

    def __init__(self, unigrams: dict[str, float], alpha: float = 0.5) -> None:
        total = sum(unigrams.values())
        self._logp = {w: math.log(c / total) for w, c in unigrams.items()}
        self.alpha = alpha

    def score(self, word: str) -> float:
        return self.alpha * self._logp.get(word, -20.0)


def collapse(labels: tuple[str, ...], blank_index: int, frame_argmax: list[int]) -> str:
    out, prev = [], None
    for idx in frame_argmax:
        if idx != prev and idx != blank_index:
            out.append(labels[idx])
        prev = idx
    return "".join(out)


def argmax_frames(logits: list[list[float]]) -> list[int]:
    return [max(range(len(row)), key=row.__getitem__) for row in logits]
