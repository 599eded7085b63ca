# family: args
# hazard: none
# line: none
# files: l24kit/__init__.py l24kit/blackbox.py l24kit/rfp_foldx.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/MachineLearningLifeScience/poli/issues/59 -- near miss: the maintainer's suggestion, "It can usually be solved by writing it as a normal Python function instead": the transform is a method calling a module-level function, so the bound _black_box pickles
"""Run a small batch-BO step: score candidate RFP sequences with a parallel black box."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field

import numpy as np

from l24kit.blackbox import encode
from l24kit.rfp_foldx import FoldXRFPBlackBox

WILDTYPE = "MVSKGEELFT"


@dataclass
class BatchStep:
    candidates: list[str]
    history: list[float] = field(default_factory=list)

    def best(self, scores: np.ndarray) -> tuple[str, float]:
        i = int(np.argmax(scores[:, 0]))
        self.history.append(float(scores[i, 0]))
        return self.candidates[i], float(scores[i, 0])


def make_problem(parallel: bool) -> FoldXRFPBlackBox:
    return FoldXRFPBlackBox(WILDTYPE, batch_size=1, parallelize=parallel, num_workers=2)


def main() -> int:
    step = BatchStep(["MVSKGEELFA", "MASKGEELFT", "MVSKGEELFT", "AVSKGAELFT"])
    f = make_problem(parallel=True)
    x = encode(step.candidates)
    scores = f(x)
    seq, score = step.best(scores)
    print(f"RESULT={seq}:{score}")
    return 0 if (seq, score) == ("MVSKGEELFT", 0.0) else 3


if __name__ == "__main__":
    sys.exit(main())
