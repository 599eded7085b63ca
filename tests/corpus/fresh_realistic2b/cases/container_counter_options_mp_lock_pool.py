# family: container
# hazard: unpicklable-argument
# line: 36
# expect: fork=inheritance_only_error spawn=inheritance_only_error forkserver=inheritance_only_error
# note: Shape of https://github.com/ozgur/python-firebase/issues/106 (a library's process pool fed from the user's objects, failing inside multiprocessing's own machinery). A word-frequency job keeps its per-run options in a dict -- language, minimum length and a multiprocessing.Lock guarding the shared output file -- and passes that dict as an argument of every Pool.starmap task. A multiprocessing Lock may only reach a child by inheritance (Process args, Pool initargs), never inside a pool task: "Lock objects should only be shared between processes through inheritance", under every start method.
"""Append word frequencies of each document to one shared TSV file."""
import collections
import multiprocessing
import os
import sys
import tempfile

DOCS = ["the cat sat on the mat", "a cat and a dog", "the dog barked at the cat"]


def count_into(doc_id, text, options):
    words = [w for w in text.split() if len(w) >= options["min_len"]]
    counts = collections.Counter(words)
    with options["lock"]:
        with open(options["out"], "a", encoding="utf-8") as fh:
            for word, n in sorted(counts.items()):
                fh.write(f"{doc_id}\t{word}\t{n}\n")
    return len(counts)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        options = {
            "lang": "en",
            "min_len": 3,
            "out": os.path.join(tmp, "freq.tsv"),
            "lock": multiprocessing.Lock(),
        }
        tasks = [(i, text, options) for i, text in enumerate(DOCS)]
        with multiprocessing.Pool(2) as pool:
            distinct = pool.starmap(count_into, tasks)
        with open(options["out"], encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    print(f"RESULT={sum(distinct)} lines={len(lines)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
