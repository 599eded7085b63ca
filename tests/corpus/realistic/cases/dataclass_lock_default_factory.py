# family: dataclass
# hazard: unpicklable-argument
# line: 39
# expect: fork=pickling_error spawn=pickling_error forkserver=pickling_error
# note: A dataclass gets its threading.Lock from field(default_factory=threading.Lock, repr=False), invisible in its repr; submitting the instance to a ProcessPoolExecutor pickles it on every start method. Modelled on https://github.com/mailpile/moggie/issues/14 ("cannot pickle '_thread.RLock' object" from a lock created in a constructor).
"""Score documents in a process pool; each document carries its own stats."""
import concurrent.futures
import threading
from dataclasses import dataclass, field


@dataclass
class Document:
    doc_id: int
    text: str
    hits: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def bump(self):
        with self._lock:
            self.hits += 1


def score(doc):
    words = doc.text.split()
    return doc.doc_id, sum(len(w) for w in words) / max(len(words), 1)


def main():
    docs = [
        Document(1, "the quick brown fox"),
        Document(2, "jumps over the lazy dog"),
        Document(3, "multiprocessing pickles every argument"),
    ]
    for doc in docs:
        doc.bump()
    print(docs[0])
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        futures = {pool.submit(score, doc): doc for doc in docs}
        for future in concurrent.futures.as_completed(futures):
            doc_id, value = future.result()
            print(f"doc {doc_id}: {value:.2f}")


if __name__ == "__main__":
    main()
