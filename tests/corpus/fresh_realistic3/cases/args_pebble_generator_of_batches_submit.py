# family: args
# hazard: unpicklable-argument
# line: 33
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/noxdafox/pebble/issues/89 (a generator of argument lists passed to a process pool's map); here an ML preprocessing script submits, per split, the generator returned by iter_batches() to ProcessPoolExecutor
import sys
from concurrent.futures import ProcessPoolExecutor

DATASET = {
    "train": ["the cat sat", "a dog ran", "birds fly high", "fish swim"],
    "valid": ["the end", "a start"],
}


def iter_batches(texts, batch_size=2):
    for start in range(0, len(texts), batch_size):
        yield [t.split() for t in texts[start:start + batch_size]]


def count_tokens(batches):
    total = 0
    for batch in batches:
        total += sum(len(tokens) for tokens in batch)
    return total


def build_vocab_stats(dataset, workers=2):
    stats = {}
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {}
        for split, texts in dataset.items():
            batches = iter_batches(texts)
            futures[split] = pool.submit(count_tokens, batches)
        for split, fut in futures.items():
            stats[split] = fut.result()
    return stats


def main():
    stats = build_vocab_stats(DATASET)
    print("RESULT=%s" % sorted(stats.items()))
    if stats != {"train": 11, "valid": 4}:
        sys.exit(3)


if __name__ == "__main__":
    main()
