# family: datasets
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 60
# note: huggingface/datasets#2134 (a map with num_proc=2 written directly under if __name__ == "__main__"): the mapped function is defined inside the main block, which plain pickle would send by a name the children lack; dill sends a __main__ function by value.
"""Quick dataset preprocessing written straight into the main block."""
import os
import sys

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import datasets  # noqa: E402
from datasets import Dataset  # noqa: E402

MAX_LEN = 5

if __name__ == "__main__":
    datasets.disable_progress_bars()

    def truncate(example):
        tokens = example["text"].split()
        return {"tokens": tokens[:MAX_LEN], "truncated": len(tokens) > MAX_LEN}

    ds = Dataset.from_dict({"text": [
        "one two three",
        "a b c d e f g h",
        "short",
        "w1 w2 w3 w4 w5 w6",
    ]})
    out = ds.map(truncate, num_proc=2)
    flags = out["truncated"]
    print(f"RESULT={flags}")
    if flags != [False, True, False, True]:
        sys.exit(3)
