# family: datasets
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 60
# note: A lambda closing over a tokenizer object made in main(), mapped with num_proc: multiprocess sends it with dill, which copies lambdas and the closure cells they read. Modelled on https://github.com/huggingface/datasets/issues/600 (dataset.map(lambda ex: tokenizer(...), batched=True, num_proc=16) inside get_dataset()), with a plain Python tokenizer.
from datasets import Dataset, disable_progress_bars


class Tokenizer:
    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, texts):
        return {"input_ids": [[self.vocab.get(w, 0) for w in t.split()] for t in texts]}


def main():
    disable_progress_bars()
    tokenizer = Tokenizer({"hello": 1, "world": 2})
    ds = Dataset.from_dict({"text": ["hello world", "world"] * 20})
    out = ds.map(lambda ex: tokenizer(ex["text"]), batched=True, num_proc=2)
    print("RESULT=" + str(out[:2]["input_ids"]))


if __name__ == "__main__":
    main()
