# family: datasets
# hazard: unpicklable-callable
# line: 39
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 60
# note: huggingface/datasets#665 ("can't pickle Tokenizer objects" from dataset.map with num_proc) and verl-project/verl-recipe#29: the mapped function closes over a vocabulary object that keeps a sqlite3 connection, which dill cannot pickle either.
"""Encode a text dataset with a vocabulary stored in SQLite."""
import os
import sqlite3
import sys

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import datasets  # noqa: E402
from datasets import Dataset  # noqa: E402


class SqliteVocab:
    def __init__(self, words):
        self.conn = sqlite3.connect(":memory:", check_same_thread=False)
        self.conn.execute("CREATE TABLE vocab (word TEXT PRIMARY KEY, id INTEGER)")
        self.conn.executemany("INSERT INTO vocab VALUES (?, ?)",
                              [(w, i) for i, w in enumerate(words, 1)])

    def lookup(self, word):
        row = self.conn.execute("SELECT id FROM vocab WHERE word = ?", (word,)).fetchone()
        return row[0] if row else 0


def main():
    datasets.disable_progress_bars()
    vocab = SqliteVocab(["the", "cat", "sat", "on", "mat"])

    def encode(batch):
        return {"ids": [[vocab.lookup(w) for w in text.split()] for text in batch["text"]]}

    ds = Dataset.from_dict({"text": ["the cat sat", "on the mat", "the dog", "cat on mat"]})
    encoded = ds.map(encode, batched=True, batch_size=2, num_proc=2)
    print(f"RESULT={encoded['ids'][0]}")
    if encoded["ids"][0] != [1, 2, 3]:
        sys.exit(3)


if __name__ == "__main__":
    main()
