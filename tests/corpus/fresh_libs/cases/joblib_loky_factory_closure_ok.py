# family: joblib
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 40
# note: False friend: the same factory-made closure as a scorer, run with joblib's default loky backend, which serialises functions from __main__ and closures with cloudpickle; it works under every start method. From the joblib docs, "Serialization & Processes" (https://joblib.readthedocs.io/en/stable/parallel.html#serialization-and-processes, added in https://github.com/joblib/joblib/pull/803).
"""Normalise text columns in parallel (notebook turned into a script)."""
import re
import unicodedata

from joblib import Parallel, delayed

ROWS = [
    "Café  Olé",
    "naïve   approach",
    "ÉLAN vital",
    "  trailing   spaces   ",
    "Ümlaut über",
    "plain ascii",
]


def make_normaliser(lower=True, strip_accents=True):
    spaces = re.compile(r"\s+")

    def normalise(text):
        if strip_accents:
            text = unicodedata.normalize("NFKD", text)
            text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = spaces.sub(" ", text).strip()
        return text.lower() if lower else text

    return normalise


def run(rows, jobs=2):
    normalise = make_normaliser()
    return Parallel(n_jobs=jobs)(delayed(normalise)(r) for r in rows)


if __name__ == "__main__":
    cleaned = run(ROWS)
    for before, after in zip(ROWS, cleaned):
        print(f"{before!r:28} -> {after!r}")
    print("RESULT=" + "|".join(cleaned[:3]))
