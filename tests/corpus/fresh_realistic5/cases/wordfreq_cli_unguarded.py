# family: guard
# hazard: missing-main-guard
# line: 51
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 10
# note: https://github.com/hezhangsprinter/DID-MDN/issues/3 -- a small CLI script ends with raise SystemExit(cli()) at module level; cli() opens a process pool.
"""wordfreq: count the most frequent words across text files."""
import argparse
import collections
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor

DOCS = {
    "a.txt": "the cat sat on the mat",
    "b.txt": "the dog sat on the log",
    "c.txt": "a cat and a dog",
}


def count_words(path):
    with open(path) as fh:
        return collections.Counter(fh.read().split())


def materialize(root):
    paths = []
    for name, text in DOCS.items():
        path = os.path.join(root, name)
        with open(path, "w") as fh:
            fh.write(text)
        paths.append(path)
    return paths


def cli(argv=None):
    parser = argparse.ArgumentParser(prog="wordfreq")
    parser.add_argument("--top", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    paths = materialize(tempfile.mkdtemp(prefix="wf"))
    total = collections.Counter()
    with ProcessPoolExecutor(max_workers=args.jobs) as ex:
        for counts in ex.map(count_words, paths):
            total.update(counts)
    top = total.most_common(args.top)
    print("RESULT=" + ",".join(f"{w}:{n}" for w, n in top))
    return 0 if top[0] == ("the", 4) else 3


raise SystemExit(cli())
