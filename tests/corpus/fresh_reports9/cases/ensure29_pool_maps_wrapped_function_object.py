# family: callable
# hazard: unpicklable-callable
# line: 26 31
# files: r9kit/annotations.py
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: https://github.com/kislyuk/ensure/issues/29 -- "PicklingError: Can't pickle <function test_func>: it's not the same object as __main__.test_func": @ensure_annotations replaces test_func with a wrapper object that keeps the original function, so pickling the task finds a different object under the module name
import os
import sys
from multiprocessing import Pool

from r9kit.annotations import ensure_annotations


@ensure_annotations
def greet(arg: str) -> str:
    return f"Hello {arg} from {os.getpid() > 0}!"


@ensure_annotations
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
