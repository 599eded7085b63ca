# family: callable
# hazard: none
# line: none
# files: r9kit/annotations.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/kislyuk/ensure/issues/29 -- the working shape: a decorator that returns a functools.wraps function, so the module attribute word_count IS the pickled object and Pool.map can send it by reference
import os
import sys
from multiprocessing import Pool

from r9kit.annotations import checked_annotations


@checked_annotations
def greet(arg: str) -> str:
    return f"Hello {arg} from {os.getpid() > 0}!"


@checked_annotations
def word_count(text: str) -> int:
    return len(text.split())


def run_batch(func, items, processes=2):
    with Pool(processes=processes) as pool:
        return pool.map(func, items)


if __name__ == "__main__":
    print(greet("parent"))
    counts = run_batch(word_count, ["a b", "c d e", "f"])
    print(f"RESULT={counts}")
    sys.exit(0 if counts == [2, 3, 1] else 3)
