"""A library method's worker count read from what the program computes from constants: `ds.map(f,
num_proc=args.num_proc)` with the option's default 2 starts a pool when the program runs as written
(fresh_libs10 mistral111: the tokenizer class pickle refuses crossed through such a call). A count of 1, None or a
value not known stays a run in the parent. The runtime proof of the corpus program is in tests/test_corpus_runtime
(datasets is not installed for every Python this suite runs on)."""
import pytest
from helpers import check

PROGRAM = """
    import argparse
    import sqlite3

    from datasets import Dataset


    class Counter:
        def __init__(self):
            self.db = sqlite3.connect(":memory:")

        def count(self, batch):
            return {"n": [len(x) for x in batch["x"]]}


    def main():
        ap = argparse.ArgumentParser()
        ap.add_argument("--num-proc", type=int, default=DEFAULT)
        args = ap.parse_args()
        ds = Dataset.from_dict({"x": ["a", "bb", "ccc", "dddd"]})
        ds = ds.map(Counter().count, batched=True, num_proc=args.num_proc)
        print(ds["n"])


    if __name__ == "__main__":
        main()
"""


def test_the_options_default_is_the_count():
    findings = [f for f in check(PROGRAM.replace("DEFAULT", "2")) if f.code == "MP201"]
    assert findings and "datasets" in findings[0].message


@pytest.mark.parametrize("default", ["1", "None", "int(os.environ['N'])"])
def test_near_misses_one_or_none_or_unknown(default):
    source = PROGRAM.replace("DEFAULT", default).replace("import argparse", "import argparse\n    import os")
    assert not [f for f in check(source) if f.code == "MP201"]
