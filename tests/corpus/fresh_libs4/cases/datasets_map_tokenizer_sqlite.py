# family: args
# hazard: unpicklable-argument
# line: 32
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: datasets #665 (https://github.com/huggingface/datasets/issues/665): Dataset.map(num_proc=...) fails with "can't pickle Tokenizer objects"; this tokenizer keeps its vocabulary in a sqlite3 connection and reaches the workers through fn_kwargs, which dill cannot pickle.
import os
import sqlite3
import tempfile

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
from datasets import Dataset


class VocabTokenizer:
    def __init__(self, path):
        self.conn = sqlite3.connect(path, check_same_thread=False)
        self.conn.execute("CREATE TABLE IF NOT EXISTS vocab (tok TEXT PRIMARY KEY, id INTEGER)")
        self.conn.executemany("INSERT OR REPLACE INTO vocab VALUES (?, ?)", [("a", 1), ("b", 2), ("c", 3)])

    def encode(self, text):
        rows = [self.conn.execute("SELECT id FROM vocab WHERE tok = ?", (t,)).fetchone() for t in text.split()]
        return [r[0] if r else 0 for r in rows]


def convert_to_features(example, tokenizer):
    return {"input_ids": tokenizer.encode(example["question"])}


if __name__ == "__main__":
    tokenizer = VocabTokenizer(os.path.join(tempfile.gettempdir(), "vocab.db"))
    dataset = Dataset.from_dict({"question": ["a b", "b c", "c a", "a a"]})
    encoded = dataset.map(convert_to_features, fn_kwargs={"tokenizer": tokenizer}, num_proc=2)
    print("RESULT=%d" % sum(sum(ids) for ids in encoded["input_ids"]))
