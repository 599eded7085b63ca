# family: callable
# hazard: none
# line: none
# files: r8kit/streams.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/asuiu/pyxtension/issues/15 -- the fix given in the thread: the per-line counter is a module-level function, so mpmap's Pool.imap pickles it by name and the word counts come back
import sys

from r8kit.streams import stream

CORPUS = [
    "MapReduce is a programming model and an associated implementation for processing large data sets",
    "At Google MapReduce was used to completely regenerate the index of the World Wide Web",
    "Conceptually similar approaches have been very well known since 1995 with the Message Passing Interface",
]


def reduce_maps(m1, m2):
    for k, v in m2.items():
        m1[k] = m1.get(k, 0) + v
    return m1


def count_line(line):
    return stream(line.lower().split(" ")).countByValue()


class WordCounter:
    def __init__(self, corpus, processes=2):
        self.corpus = corpus
        self.processes = processes

    def count(self):
        counts = (
            stream(self.corpus)
            .mpmap(count_line, processes=self.processes)
            .reduce(reduce_maps, {})
        )
        return counts


def main():
    counts = WordCounter(CORPUS).count()
    print(f"RESULT={counts['mapreduce']},{counts['the']}")
    if (counts["mapreduce"], counts["the"]) != (2, 3):
        sys.exit(3)


if __name__ == "__main__":
    main()
