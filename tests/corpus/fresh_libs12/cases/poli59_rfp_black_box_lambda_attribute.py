# family: args
# hazard: bound-method-of-object-with-lambda-attribute
# line: 40 l24kit/blackbox.py:25 l24kit/rfp_internal.py:14
# files: l24kit/__init__.py l24kit/blackbox.py l24kit/rfp_internal.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/MachineLearningLifeScience/poli/issues/59 -- "parallelized black_box call in foldx_rfp_lambo raises _pickle.PicklingError: Can't pickle <function PoliRFPInternal.<lambda>>": with parallelize=True the black box submits its bound _black_box to a ProcessPoolExecutor, which pickles the object and the lambda it keeps
"""Run a small batch-BO step: score candidate RFP sequences with a parallel black box."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field

import numpy as np

from l24kit.blackbox import encode
from l24kit.rfp_internal import PoliRFPInternal

WILDTYPE = "MVSKGEELFT"


@dataclass
class BatchStep:
    candidates: list[str]
    history: list[float] = field(default_factory=list)

    def best(self, scores: np.ndarray) -> tuple[str, float]:
        i = int(np.argmax(scores[:, 0]))
        self.history.append(float(scores[i, 0]))
        return self.candidates[i], float(scores[i, 0])


def make_problem(parallel: bool) -> PoliRFPInternal:
    return PoliRFPInternal(WILDTYPE, batch_size=1, parallelize=parallel, num_workers=2)


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
