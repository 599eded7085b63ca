"""HojiChar-like documents, filters and Compose (hojichar/core).  The language filter
memory-maps its model file, as fastText's native binding holds its model: the
filter object cannot be pickled (cannot pickle 'mmap.mmap' object)."""
from __future__ import annotations

import mmap
from dataclasses import dataclass


@dataclass
class Document:
    text: str
    is_rejected: bool = False


class Filter:
    name = "Filter"

    def apply(self, doc: Document) -> Document:
        raise NotImplementedError


class DocumentLengthFilter(Filter):
    name = "DocumentLengthFilter"

    def __init__(self, min_doc_len: int = 0, max_doc_len: int = 10**9) -> None:
        self.min_doc_len = min_doc_len
        self.max_doc_len = max_doc_len

    def apply(self, doc: Document) -> Document:
        if not self.min_doc_len <= len(doc.text) <= self.max_doc_len:
            doc.is_rejected = True
        return doc


class LanguageIdentificationByModel(Filter):
    """Rejects documents whose words are mostly unknown to a memory-mapped word list."""

    name = "LanguageIdentificationByModel"

    def __init__(self, model_path: str, threshold: float = 0.5) -> None:
        with open(model_path, "rb") as model_file:
            self._model = mmap.mmap(model_file.fileno(), 0, access=mmap.ACCESS_READ)
        self.vocab = set(self._model[:].decode().split())
        self.threshold = threshold

    def apply(self, doc: Document) -> Document:
        words = doc.text.lower().split()
        known = sum(1 for w in words if w in self.vocab)
        if not words or known / len(words) < self.threshold:
            doc.is_rejected = True
        return doc


class Compose(Filter):
    name = "Compose"

    def __init__(self, filters: list[Filter]) -> None:
        self.filters = filters

    def apply(self, doc: Document) -> Document:
        for f in self.filters:
            if doc.is_rejected:
                break
            doc = f.apply(doc)
        return doc
