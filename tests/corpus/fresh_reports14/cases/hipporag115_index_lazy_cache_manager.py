# family: guard
# hazard: none
# line: none
# files: r14kit/embedder.py r14kit/embedding_cache_lazy.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/OSU-NLP-Group/HippoRAG/issues/115 -- the fix that followed (pluggable vector backends commit): "Lazy init so multiprocessing.Manager() is never called at import time"; EmbeddingCache starts its Manager on first use, which here is inside main() behind the guard, so importing the library at top level is harmless under spawn
"""Index a handful of passages with a HippoRAG-like embedding model, caching the vectors."""
import argparse
import sys
from concurrent.futures import ProcessPoolExecutor

from r14kit.embedder import BaseEmbeddingModel
from r14kit.embedding_cache_lazy import EmbeddingCache

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
