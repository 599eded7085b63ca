# family: callable
# hazard: none
# line: none
# files: l10kit/spaces_snippets_fixed.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/Jeryi-Sun/SPACES-Pytorch/issues/9 -- near miss: the working variant, snippets with worker_step at module level and the function sent along with each item through the queue
"""SPACES extract_convert.py with the snippets worker at module level (the function travels with each item)."""
import argparse

from l10kit.spaces_snippets_fixed import parallel_apply

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
