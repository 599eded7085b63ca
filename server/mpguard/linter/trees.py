"""Syntax trees shared by the questions one `mpguard check` run asks about a file (issue 16).

A module of a project is parsed for the prefilter's facts (`linter.reach.local_facts`), for each kind of
summary another file asks about (`linter.summaries`: what importing it does, its definitions, its names,
what its functions raise or return) and for its own analysis: celery's 451 files took 743 parses (532
now). Here a text is parsed once per owner of a tree of it, and a reader takes any of them.

Who may share a tree. A syntax tree is never changed once parsed, but an answer may keep its nodes (a
summary keeps its module's definitions) and an analysis walks them with facts of its own; two such
owners never got the same nodes before, and do not now (a node of one answer is never mistaken for a
node of another). So a tree has at most one owner (`own`): the first one to ask gets it, the others
parse their own. The one exception: the project index's answers about one file read from its syntax
alone (its definitions, its names: `shared_by` its path) share one tree. Every walk (an analysis, a
summary of what importing the module does, of what its functions raise or return) owns one, so that a
walk that asks the index about its own module (a module importing itself) never gets nodes of the tree
it walks. A reader that keeps nothing of a tree (`borrow`: the prefilter's facts) takes any tree of
the same text, owned or not. A file's analysis takes the tree out (`keep=False`): it is garbage once the
file is done, and keeping every analysed tree kept the young generation of the collector large enough
to be collected in the middle of the run (mypy: 0.5 s).

Only in `mpguard check` (`enabled`: a run is short; the language server keeps its memory), keyed by the
text itself (the same text gives the same tree, whatever its path; the filename only names a syntax
error, and a text that does not parse is not kept), at most `limit` characters of source at a time, the
least recently used dropped first."""
from __future__ import annotations

import ast
from collections import OrderedDict

from mpguard.text.chunks import parse_module


class Trees:
    def __init__(self, limit: int = 4_000_000):
        self.limit, self.size, self.enabled = limit, 0, False
        self.trees: OrderedDict = OrderedDict()  # text -> [[a tree of it, its owner or None], ...]
        self.parsed = 0  # how many texts were parsed here (tests count work)

    def borrow(self, text: str, path: str) -> ast.Module:
        """A tree of `text`, for a reader that keeps none of its nodes."""
        found = self.trees.get(text) if self.enabled else None
        if found is not None:
            self.trees.move_to_end(text)
            return found[0][0]
        return self._parse(text, path, None)

    def own(self, text: str, path: str, starts: list[int] | None = None, shared_by=None,
            keep: bool = True) -> ast.Module:
        """A tree of `text` no other owner has (see the module's docstring). `shared_by`: a key under which
        owners may share it (the project index's answers about one file); None: this owner alone. Not
        `keep`: the tree is not kept for later readers (a file's analysis: its tree is garbage once the
        file is done, and keeping every one of them kept the collector busy: mypy, 0.5 s)."""
        owner = EXCLUSIVE if shared_by is None else shared_by
        kept = self.trees.get(text) if self.enabled else None
        for at, (tree, had) in enumerate(kept or ()):
            if had is None or shared_by is not None and had == shared_by:
                if keep:
                    kept[at][1] = owner
                    self.trees.move_to_end(text)
                else:
                    self._drop(text, kept, at)
                return tree
        if not keep:
            self.parsed += 1
            return parse_module(text, path, starts)
        return self._parse(text, path, owner, starts)

    def read(self, text: str, path: str, starts: list[int] | None = None) -> tuple[ast.Module, bool]:
        """(a tree of `text`, whether it is the caller's alone) for a file's own check, which reads it for the
        prefilter (keeping nothing of it) and walks it only when the file may reach a process: a tree no one
        owns comes out of the pool (the caller's alone), else one an owner keeps is lent (read only: the
        caller parses its own before walking it), else one is parsed and not kept."""
        kept = self.trees.get(text) if self.enabled else None
        if kept:
            for at, (tree, had) in enumerate(kept):
                if had is None:
                    self._drop(text, kept, at)
                    return tree, True
            return kept[0][0], False
        self.parsed += 1
        return parse_module(text, path, starts), True

    def give_back(self, text: str, tree) -> None:
        """A tree `read` handed out as the caller's alone that it only read: owned by no one again."""
        if not self.enabled or len(text) > self.limit:
            return
        if self.size + len(text) + 1 > self.limit:
            return  # (only where there is room: it must not push out a tree a later question takes)
        kept = self.trees.get(text)
        if kept is None:
            kept = self.trees[text] = []
            self.trees.move_to_end(text, last=False)  # (the first to go when room is needed)
        kept.append([tree, None])
        self.size += len(text) + 1

    def _drop(self, text: str, kept: list, at: int) -> None:
        del kept[at]
        self.size -= len(text) + 1
        if not kept:
            del self.trees[text]

    def _parse(self, text: str, path: str, owner, starts: list[int] | None = None) -> ast.Module:
        tree = parse_module(text, path, starts)
        self.parsed += 1
        if not self.enabled or len(text) > self.limit:
            return tree
        kept = self.trees.get(text)
        if kept is None:
            kept = self.trees[text] = []
        else:
            self.trees.move_to_end(text)
        kept.append([tree, owner])
        self.size += len(text) + 1  # (an empty text too)
        while self.size > self.limit:
            dropped, trees = self.trees.popitem(last=False)
            self.size -= (len(dropped) + 1) * len(trees)
        return tree

    def clear(self) -> None:
        self.trees.clear()
        self.size = 0


def borrowed_tree(data: bytes | str, path: str) -> ast.Module:
    """A tree of a module's source from the pool (`Trees.borrow`), for the resolver's facts that keep none of its
    nodes (`resolve.project.Summarizer.tree`): the prefilter parsed most project modules already, and the facts
    about another module's threads, locks and servers parsed them again (MP423: mypy, 97 modules)."""
    from mpguard.text.source import decode_source

    return TREES.borrow(data if isinstance(data, str) else decode_source(data), path)


EXCLUSIVE = object()  # the owner of a tree it shares with no one (an analysis)
TREES = Trees()
