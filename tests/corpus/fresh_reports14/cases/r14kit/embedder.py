"""A HippoRAG-like embedding model: hashes tokens into a small dense vector."""
import hashlib
from typing import List

DIM = 8


def embed_text(text: str) -> List[float]:
    vec = [0.0] * DIM
    for tok in text.lower().split():
        h = hashlib.md5(tok.encode()).digest()
        vec[h[0] % DIM] += 1.0
    norm = sum(v * v for v in vec) ** 0.5 or 1.0
    return [round(v / norm, 6) for v in vec]


class BaseEmbeddingModel:
    def __init__(self, name: str = "hash-embed"):
        self.name = name

    def batch_encode(self, texts, executor=None):
        if executor is None:
            return [embed_text(t) for t in texts]
        return list(executor.map(embed_text, texts))
