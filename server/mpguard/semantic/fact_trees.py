"""The syntax tree a fact about another project module is read from (threads, locks, servers of that module)."""
from __future__ import annotations

import ast


def fact_tree(data: bytes, path: str, resolver) -> ast.Module:
    """A tree of another project module's source, for a fact that keeps none of its nodes: one the run has parsed
    already when the resolver lends one (`resolve.project.ProjectResolver.syntax_tree`: each of these facts parsed
    the module again, MP423's 97 modules of mypy), else parsed here. Raises as `ast.parse` does."""
    lend = getattr(resolver, "syntax_tree", None)
    return lend(data, path) if lend is not None else ast.parse(data, path)
