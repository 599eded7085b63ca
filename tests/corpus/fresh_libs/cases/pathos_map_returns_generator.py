# family: pathos
# hazard: unpicklable-return
# line: 35
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# timeout: 30
# note: A tokenizer step written as a generator function and mapped with pathos' ProcessPool under the guard: each worker returns a generator object, which dill cannot serialise either ("cannot pickle 'generator' object"), so the results never come back, under every start method. Shape of https://github.com/swansonk14/p_tqdm/issues/3 (p_tqdm over pathos: "In other scenarios, I get an error saying it can't pickle generators").
"""Split documents into sentences in parallel with pathos."""
import re

from pathos.multiprocessing import ProcessingPool

DOCS = [
    "Dill extends pickle. It can serialise lambdas! Can it serialise everything?",
    "Generators are lazy. They keep a frame alive.",
    "Short one.",
    "A pool returns results to the parent. Results must be serialised too.",
]

_BOUNDARY = re.compile(r"(?<=[.!?])\s+")


def sentences(doc):
    for part in _BOUNDARY.split(doc.strip()):
        if part:
            yield part


def count(doc):
    return sum(1 for _ in sentences(doc))


def main():
    pool = ProcessingPool(nodes=2)
    try:
        per_doc = pool.map(sentences, DOCS)
        flat = [s for gen in per_doc for s in gen]
    finally:
        pool.close()
        pool.join()
        pool.clear()
    print(f"{len(flat)} sentences; check: {sum(count(d) for d in DOCS)}")
    print("RESULT=" + str(len(flat)))


if __name__ == "__main__":
    main()
