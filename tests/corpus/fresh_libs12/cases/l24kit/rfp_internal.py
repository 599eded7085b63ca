"""The LaMBO-derived RFP objective as poli wrapped it: the transform is a lambda kept on the object."""
from __future__ import annotations

import numpy as np

from l24kit.blackbox import AbstractBlackBox


class PoliRFPInternal(AbstractBlackBox):
    def __init__(self, wildtype: str, **kwargs):
        super().__init__(**kwargs)
        self.wildtype = wildtype
        # the CoRel side used lambdas for its per-sequence transforms
        self.transform = lambda seq: sum(a != b for a, b in zip(seq, self.wildtype))

    def _black_box(self, x: np.ndarray, context=None) -> np.ndarray:
        scores = [-float(self.transform(row[0])) for row in x]
        return np.array(scores).reshape(-1, 1)
