# family: args
# hazard: none
# line: none
# files: l10kit/mistral_requests.py l10kit/mistral_tokenizer_fixed.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/mistralai/mistral-common/pull/111 -- near miss: the PR's solution, 'provide a factory function and args to recreate the tokenizer' (__reduce__ returning a module-level factory with the version and vocabulary)
"""Tokenise a chat dataset with datasets.map(num_proc=2); the tokenizer pickles as a factory call (mistral-common PR #111)."""
import argparse
import logging

from datasets import Dataset, disable_progress_bars

from l10kit.mistral_tokenizer_fixed import from_version

logging.getLogger("datasets").setLevel(logging.ERROR)
disable_progress_bars()


def load_rows(n):
    return {
        "prompt": [f"question number {i} about tides" for i in range(n)],
        "answer": [f"answer {i} the moon pulls" for i in range(n)],
    }


class ChatTokenizationStrategy:
    def __init__(self, tokenizer, max_len):
        self.tokenizer = tokenizer
        self.max_len = max_len

    def tokenize_batch(self, batch):
        ids = [self.tokenizer.encode_chat(p, a)[: self.max_len]
               for p, a in zip(batch["prompt"], batch["answer"])]
        return {"input_ids": ids, "length": [len(x) for x in ids]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=8)
    parser.add_argument("--num-proc", type=int, default=2)
    args = parser.parse_args()
    strategy = ChatTokenizationStrategy(from_version("v3"), max_len=32)
    ds = Dataset.from_dict(load_rows(args.rows))
    ds = ds.map(strategy.tokenize_batch, batched=True, num_proc=args.num_proc,
                remove_columns=["prompt", "answer"], load_from_cache_file=False)
    print(f"RESULT={sum(ds['length'])}")


if __name__ == "__main__":
    main()
