# family: dask
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 60
# note: False friend: a dask.bag word count with lambdas and a closure run on the processes scheduler (bags' default) under the main guard. dask ships tasks with cloudpickle, so lambdas and closures are fine even though the workers are spawned. dask docs, "Scheduling" / processes scheduler uses cloudpickle (https://docs.dask.org/en/stable/scheduling.html#local-processes) and https://docs.dask.org/en/stable/bag.html.
"""Word frequencies over a small corpus with dask.bag."""
import re

import dask.bag as db

TEXTS = [
    "It was the best of times, it was the worst of times",
    "it was the age of wisdom, it was the age of foolishness",
    "it was the epoch of belief, it was the epoch of incredulity",
    "it was the season of Light, it was the season of Darkness",
]
STOP = {"it", "was", "the", "of"}


def tokenizer(pattern=r"[a-z]+"):
    word = re.compile(pattern)

    def tokens(text):
        return word.findall(text.lower())

    return tokens


def top_words(texts, n=3):
    tokens = tokenizer()
    bag = db.from_sequence(texts, npartitions=2)
    words = bag.map(tokens).flatten().filter(lambda w: w not in STOP)
    freq = words.frequencies().topk(n, key=lambda pair: pair[1])
    return freq.compute(scheduler="processes", num_workers=2)


if __name__ == "__main__":
    best = top_words(TEXTS)
    for word, count in best:
        print(f"{word:>12} {count}")
    print("RESULT=" + str(sorted(c for _, c in best)))
