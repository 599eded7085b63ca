# family: callable
# hazard: nested-pool-initializer
# line: 33 l10kit/spaces_snippets.py:15
# files: l10kit/spaces_snippets.py
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/Jeryi-Sun/SPACES-Pytorch/issues/9 -- extract_convert.py fails at data = convert(data) on Windows: the copied snippets.parallel_apply_generator creates Pool(workers, worker_step, (in_queue, out_queue)) with worker_step nested in it (closing over func), which spawn must pickle: "Can't pickle local object 'parallel_apply_generator.<locals>.worker_step'"
"""SPACES extract_convert.py: turn judgement texts into extractive-summary labels with parallel_apply."""
import argparse

from l10kit.spaces_snippets import parallel_apply

SAMPLES = [
    {"text": ["原告 起诉", "被告 答辩", "法院 判决"], "summary": "法院 判决"},
    {"text": ["双方 签订 合同", "被告 违约"], "summary": "被告 违约"},
    {"text": ["原告 主张", "证据 不足", "驳回 诉讼"], "summary": "驳回 诉讼"},
]


def extract_flow(d):
    """Label each sentence 1 when it shares a word with the summary."""
    words = set(d["summary"].split())
    return [int(bool(words & set(s.split()))) for s in d["text"]]


def convert(data, workers):
    return parallel_apply(func=extract_flow, iterable=data, workers=workers, max_queue_size=200)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    labels = convert(SAMPLES, args.workers)
    print(f"RESULT={labels}")


if __name__ == "__main__":
    main()
