"""Memos keyed by syntax-tree nodes (a function's parameter facts, a module's constructor-fixed attributes), kept
while analyses run and emptied when the last one ends (`linter.analyze.gc_paused`).

An `lru_cache` keyed by nodes keeps the trees of past analyses alive: up to its size of whole modules, which the
garbage collector then scans after each analysis (one young collection per analysis, and every tenth an older one
over all those trees: a fifth of the analysis of the 1,000-line benchmark file), and which a language server holds
for nothing. A memo is only ever asked about the trees of analyses that are running."""
from __future__ import annotations

from functools import lru_cache

_MEMOS: list = []


def node_memo(maxsize: int):
    """`functools.lru_cache(maxsize)`, emptied by `clear` (the arguments: nodes, and values that hash)."""
    def decorate(func):
        cached = lru_cache(maxsize=maxsize)(func)
        _MEMOS.append(cached)
        return cached
    return decorate


def clear() -> None:
    """Forget every node memo (no analysis is running: none of their trees is asked about again)."""
    for memo in _MEMOS:
        memo.cache_clear()
