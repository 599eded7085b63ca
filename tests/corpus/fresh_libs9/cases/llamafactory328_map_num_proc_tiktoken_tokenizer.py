# family: args
# hazard: unpicklable-closure-capture
# line: 50 70
# files: l9kit/tiktoken_like.py l9kit/demo_data.py
# timeout: 30
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/hiyouga/LlamaFactory/issues/328 -- "preprocess_dataset dataset.map crashed with TypeError: cannot pickle 'builtins.CoreBPE' object": with preprocessing_num_workers=32 the tokenizer function nested in preprocess_dataset (it closes over a Qwen tokenizer backed by tiktoken's CoreBPE) goes to datasets' worker pool, and dill cannot pickle the Rust object
"""Tokenise an instruction dataset before supervised fine-tuning (LLaMA-Efficient-Tuning's preprocess step)."""
import argparse
from dataclasses import dataclass
from typing import Optional

from datasets import Dataset

from l9kit.demo_data import RECORDS
from l9kit.tiktoken_like import load_tokenizer

IGNORE_INDEX = -100


@dataclass
class DataArguments:
    max_source_length: int = 16
    max_target_length: int = 16
    preprocessing_num_workers: Optional[int] = None
    overwrite_cache: bool = True


def construct_example(examples):
    for i in range(len(examples["instruction"])):
        yield examples["instruction"][i], examples["output"][i]


def preprocess_dataset(dataset, tokenizer, data_args):
    column_names = list(dataset.column_names)

    def preprocess_supervised_dataset(examples):
        model_inputs = {"input_ids": [], "labels": []}
        for query, response in construct_example(examples):
            source_ids = tokenizer.encode(query)[: data_args.max_source_length]
            target_ids = tokenizer.encode(response, add_special_tokens=True)[: data_args.max_target_length]
            model_inputs["input_ids"].append(source_ids + target_ids)
            model_inputs["labels"].append([IGNORE_INDEX] * len(source_ids) + target_ids)
        return model_inputs

    def print_supervised_dataset_example(example):
        print("input_ids:\n{}".format(example["input_ids"]))

    preprocess_function = preprocess_supervised_dataset
    dataset = dataset.map(
        preprocess_function,
        batched=True,
        num_proc=data_args.preprocessing_num_workers,
        remove_columns=column_names,
        load_from_cache_file=not data_args.overwrite_cache,
        desc="Running tokenizer on dataset",
    )
    print_supervised_dataset_example(dataset[0])
    return dataset


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model-name-or-path", default="Qwen/Qwen-7B-Chat")
    ap.add_argument("--preprocessing-num-workers", type=int, default=2)
    args = ap.parse_args(argv)
    data_args = DataArguments(preprocessing_num_workers=args.preprocessing_num_workers)
    tokenizer = load_tokenizer(args.model_name_or_path)
    raw = Dataset.from_list(RECORDS)
    tokenized = preprocess_dataset(raw, tokenizer, data_args)
    n_tokens = sum(len(ids) for ids in tokenized["input_ids"])
    print(f"RESULT={len(tokenized)}:{n_tokens}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
