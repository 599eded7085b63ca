# family: datasets
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 60
# note: OptimalScale/LMFlow#840 (dataset.map with num_proc=2 over a closure); datasets sends the function with dill, which pickles closures and recreates a threading.Lock, so a normaliser object holding a lock maps fine.
"""Normalise a text dataset with a stateful cleaner object."""
import os
import re
import sys
import threading

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import datasets  # noqa: E402
from datasets import Dataset  # noqa: E402


class Cleaner:
    def __init__(self, stopwords):
        self.stopwords = set(stopwords)
        self.lock = threading.Lock()
        self.pattern = re.compile(r"[^a-z ]+")

    def clean(self, text):
        words = self.pattern.sub("", text.lower()).split()
        return " ".join(w for w in words if w not in self.stopwords)


def main():
    datasets.disable_progress_bars()
    cleaner = Cleaner(["the", "a"])

    def normalise(example):
        return {"clean": cleaner.clean(example["text"])}

    ds = Dataset.from_dict({"text": ["The Cat!", "a DOG, barking", "The end.", "Mat"]})
    out = ds.map(normalise, num_proc=2)
    lengths = ds.map(lambda ex: {"n": len(ex["text"])}, num_proc=2)
    print(f"RESULT={out['clean']}")
    if out["clean"] != ["cat", "dog barking", "end", "mat"] or lengths["n"][0] != 8:
        sys.exit(3)


if __name__ == "__main__":
    main()
