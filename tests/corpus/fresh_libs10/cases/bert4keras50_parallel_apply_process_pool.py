# family: callable
# hazard: nested-pool-initializer
# line: 27
# expect: fork=ok spawn=pickling_error forkserver=pickling_error
# note: https://github.com/bojone/bert4keras/issues/50 -- "AttributeError: Can't pickle local object 'parallel_apply.<locals>.worker_step'" on Windows while building the vocabulary ('但是Ubuntu下不会报错'): parallel_apply gives its nested worker_step to Pool(initializer=...), pickled only under spawn/forkserver
"""Build a vocabulary over a corpus with bert4keras-style parallel_apply (worker processes)."""
import argparse
from collections import Counter


def parallel_apply(func, iterable, workers, max_queue_size, dummy=False, callback=None):
    """bert4keras.snippets.parallel_apply: workers read (i, d) from in_queue, write (i, r) to out_queue."""
    if dummy:
        from multiprocessing.dummy import Pool, Queue
    else:
        from multiprocessing import Pool, Queue

    in_queue, out_queue = Queue(max_queue_size), Queue()

    def worker_step(in_queue, out_queue):
        while True:
            i, d = in_queue.get()
            if i is None:
                break
            out_queue.put((i, func(d)))

    pool = Pool(workers, worker_step, (in_queue, out_queue))
    results = []
    for i, d in enumerate(iterable):
        in_queue.put((i, d))
    for _ in range(len(iterable)):
        results.append(out_queue.get())
    for _ in range(workers):
        in_queue.put((None, None))
    pool.close()
    pool.join()
    results.sort()
    if callback is not None:
        for _, r in results:
            callback(r)
        return None
    return [r for _, r in results]


def tokenize(text):
    return text.lower().split()


CORPUS = [
    "the tide rises with the moon",
    "the moon pulls the sea",
    "a sea wall holds the tide",
    "rising tide and falling tide",
]


def build_vocab(texts, workers, dummy):
    counts = Counter()
    parallel_apply(tokenize, texts, workers=workers, max_queue_size=8,
                   dummy=dummy, callback=counts.update)
    return sorted(w for w, c in counts.items() if c >= 2)


def main():
    parser = argparse.ArgumentParser(description="构建词汇表")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    vocab = build_vocab(CORPUS, args.workers, dummy=False)
    print(f"RESULT={vocab}")


if __name__ == "__main__":
    main()
