# family: args
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: datasets #600 (https://github.com/huggingface/datasets/issues/600): map(num_proc=16) with a function that uses a tokenizer; the workers are fed through dill (multiprocess), which recreates a threading.Lock, so a tokenizer whose cache is guarded by a lock travels in fn_kwargs.
import os
import threading

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
from datasets import Dataset


class CachedTokenizer:
    def __init__(self, vocab):
        self.vocab = dict(vocab)
        self._lock = threading.Lock()
        self._cache = {}

    def encode(self, text):
        with self._lock:
            if text not in self._cache:
                self._cache[text] = [self.vocab.get(t, 0) for t in text.split()]
            return self._cache[text]


def convert_to_features(example, tokenizer):
    return {"input_ids": tokenizer.encode(example["text"])}


if __name__ == "__main__":
    tokenizer = CachedTokenizer({"a": 1, "b": 2, "c": 3})
    dataset = Dataset.from_dict({"text": ["a b", "b c", "c a", "a a"]})
    encoded = dataset.map(convert_to_features, fn_kwargs={"tokenizer": tokenizer}, num_proc=2)
    print("RESULT=%d" % sum(sum(ids) for ids in encoded["input_ids"]))
