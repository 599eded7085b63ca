# family: joblib
# hazard: unpicklable-callable
# line: 40
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 30
# note: joblib/joblib#389 and #166 (a helper defined inside the method that builds the Parallel call); here the backend comes from a settings dict that says "multiprocessing", so plain pickle meets the nested function.
"""Signal feature extraction; the parallel backend is read from a settings dict."""
import math
import sys

from joblib import Parallel, delayed

SETTINGS = {
    "n_jobs": 2,
    "backend": "multiprocessing",
    "verbose": 0,
}


class FeaturePipeline:
    def __init__(self, settings):
        self.settings = settings
        self.scale = 10.0

    def _runner(self):
        return Parallel(
            n_jobs=self.settings["n_jobs"],
            backend=self.settings["backend"],
            verbose=self.settings["verbose"],
        )

    def run(self, signals):
        scale = self.scale

        def extract(signal):
            energy = sum(v * v for v in signal)
            return round(math.sqrt(energy) / scale, 3)

        runner = self._runner()
        return runner(delayed(extract)(s) for s in signals)


def main():
    signals = [[i, i + 1, i + 2] for i in range(6)]
    feats = FeaturePipeline(SETTINGS).run(signals)
    print(f"RESULT={feats}")
    if len(feats) != len(signals):
        sys.exit(3)


if __name__ == "__main__":
    main()
