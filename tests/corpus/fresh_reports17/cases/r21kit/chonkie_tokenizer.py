"""chonkie's BaseTokenizer after PR #76 / #153 (issue #56): the defaultdict's default
factory is the bound method defaulttoken2id instead of a lambda, so a tokenizer
pickles (with its vocabulary) and the chunker can be sent to pool workers."""
from __future__ import annotations

from collections import defaultdict


class BaseTokenizer:
    def __init__(self) -> None:
        self.vocab: list[str] = []
        self.token2id = defaultdict(self.defaulttoken2id)
        self.token2id[" "]  # reserve space as 0
        self.vocab.append(" ")

    def defaulttoken2id(self) -> int:
        return len(self.vocab)

    def encode(self, text: str) -> list[int]:
        raise NotImplementedError

    def count_tokens(self, text: str) -> int:
        return len(self.encode(text))


class CharacterTokenizer(BaseTokenizer):
    def encode(self, text: str) -> list[int]:
        ids = []
        for ch in text:
            if ch not in self.token2id:
                self.token2id[ch]
                self.vocab.append(ch)
            ids.append(self.token2id[ch])
        return ids


class WordTokenizer(BaseTokenizer):
    def encode(self, text: str) -> list[int]:
        ids = []
        for word in text.split(" "):
            if word not in self.token2id:
                self.token2id[word]
                self.vocab.append(word)
            ids.append(self.token2id[word])
        return ids


def load_tokenizer(name: str) -> BaseTokenizer:
    return {"character": CharacterTokenizer, "word": WordTokenizer}[name]()
