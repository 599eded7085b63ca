"""The same objective with a named method instead of the lambda (the suggested fix)."""
from __future__ import annotations

import numpy as np

from l24kit.blackbox import AbstractBlackBox


def hamming(seq: str, wildtype: str) -> int:
    return sum(a != b for a, b in zip(seq, wildtype))


class FoldXRFPBlackBox(AbstractBlackBox):
    def __init__(self, wildtype: str, **kwargs):
        super().__init__(**kwargs)
        self.wildtype = wildtype

    def transform(self, seq: str) -> int:
        return hamming(seq, self.wildtype)

    def _black_box(self, x: np.ndarray, context=None) -> np.ndarray:
        scores = [-float(self.transform(row[0])) for row in x]
        return np.array(scores).reshape(-1, 1)
