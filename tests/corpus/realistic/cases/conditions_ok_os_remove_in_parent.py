# family: conditions
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# note: Near miss: the parent writes temp files, passes their PATHS to pool workers, and os.remove()s them only after the results are back; nothing the children need lives only in parent memory. Modelled on https://github.com/nicolay-r/ARElight/issues/147 (pass file names, not open resources, to worker processes).
"""Count words in temporary files with a process pool, then clean up."""
import multiprocessing
import os
import tempfile

TEXTS = ["alpha beta gamma", "delta", "epsilon zeta eta theta"]


def count_words(path):
    with open(path) as fh:
        return os.path.basename(path)[-5:], len(fh.read().split())


def main():
    paths = []
    for i, text in enumerate(TEXTS):
        fd, path = tempfile.mkstemp(suffix=f"_{i}.txt")
        with os.fdopen(fd, "w") as fh:
            fh.write(text)
        paths.append(path)
    try:
        with multiprocessing.Pool(2) as pool:
            counts = pool.map(count_words, paths)
    finally:
        for p in paths:
            os.remove(p)
    print(sorted(counts))


if __name__ == "__main__":
    main()
