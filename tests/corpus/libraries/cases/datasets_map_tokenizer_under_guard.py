# family: datasets
# hazard: parent-state-not-inherited
# line: 22 20
# expect: fork=ok spawn=error:NameError forkserver=error:NameError
# timeout: 60
# note: The tokenizer is a global made under the main guard and the mapped lambda reads it: dill copies a lambda of __main__ but refers to the module's globals by reference, and a spawned worker re-imports the script without running the guard (NameError: name 'tokenizer' is not defined); forked workers inherit it. Modelled on https://github.com/huggingface/datasets/issues/600 (dataset.map(lambda ex: tokenizer(...), num_proc=16)), with the tokenizer made at the top of the script's main block.
from datasets import Dataset, disable_progress_bars


class Tokenizer:
    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, texts):
        return {"input_ids": [[self.vocab.get(w, 0) for w in t.split()] for t in texts]}


if __name__ == "__main__":
    disable_progress_bars()
    tokenizer = Tokenizer({"hello": 1, "world": 2})
    ds = Dataset.from_dict({"text": ["hello world", "world"] * 20})
    out = ds.map(lambda ex: tokenizer(ex["text"]), batched=True, num_proc=2)
    print("RESULT=" + str(out[:2]["input_ids"]))
