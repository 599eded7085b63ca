# family: guard
# hazard: import-time-process-start
# line: 13 r14kit/embedding_cache.py:9
# files: r14kit/embedder.py r14kit/embedding_cache.py
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# note: https://github.com/OSU-NLP-Group/HippoRAG/issues/115 -- "RuntimeError: An attempt has been made to start a new process before the current process has finished its bootstrapping phase" as soon as the application imports HippoRAG at top level: EmbeddingCache creates its multiprocessing.Manager() in the class body, so every spawned child that re-imports the application imports the library and starts a manager while bootstrapping; the script's own main guard does not help
"""Index a handful of passages with a HippoRAG-like embedding model, caching the vectors."""
import argparse
import sys
from concurrent.futures import ProcessPoolExecutor

from r14kit.embedder import BaseEmbeddingModel
from r14kit.embedding_cache import EmbeddingCache

PASSAGES = [
    "Oak trees grow slowly in dry soil",
    "The river floods every spring",
    "Oak leaves turn brown in autumn",
    "Salmon swim up the river to spawn",
]


class PassageIndex:
    def __init__(self, model: BaseEmbeddingModel):
        self.model = model
        self.vectors = {}

    def add(self, passages, workers: int = 2):
        todo = [p for p in passages if not EmbeddingCache.contains(p)]
        with ProcessPoolExecutor(max_workers=workers) as ex:
            for text, vec in zip(todo, self.model.batch_encode(todo, executor=ex)):
                EmbeddingCache.set(text, vec)
        for p in passages:
            self.vectors[p] = EmbeddingCache.get(p)
        return len(todo)

    def search(self, query: str):
        q = self.model.batch_encode([query])[0]
        scored = [(sum(a * b for a, b in zip(q, v)), p) for p, v in self.vectors.items()]
        return max(scored)[1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="hipporag-index")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    index = PassageIndex(BaseEmbeddingModel())
    first = index.add(PASSAGES, workers=args.workers)
    second = index.add(PASSAGES, workers=args.workers)
    best = index.search("oak trees")
    print(f"RESULT=encoded={first},{second};best={best.split()[0]}")
    return 0 if (first, second) == (4, 0) and best.startswith("Oak") else 3


if __name__ == "__main__":
    sys.exit(main())
