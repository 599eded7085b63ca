"""MP302 for an object that crosses into a child whose unpickled copy is configured otherwise than the parent's
(semantic/rebuilt_state): its class's `__getstate__` drops an attribute that `__init__` built from a constructor
argument, and `__setstate__` rebuilds it without that argument (graphrag-toolkit #344: llama_index's
BedrockConverse rebuilds its boto3 client from `AWS_REGION`, losing the `region_name` it was built with; every
worker's extraction then fails against the wrong region, a wrong result without an exception). A pool pickles
its tasks and their arguments under every start method; a Process's target and arguments are pickled under spawn
and forkserver only.
"""
from __future__ import annotations

from pathlib import Path

from mpguard.semantic.rebuilt_state import lost_configuration
from mpguard.text.findings import RelatedFile

# the crossings that hand the child a pickled copy of the value
PICKLED_COPIES = frozenset({"target", "args", "task", "task-args", "initargs"})


def reported_copy(ctx, call, value, sink, path: str, qualified: str, methods) -> bool:
    """MP302 at `call`, which hands `value` to another module's function (`qualified`) whose `sink` makes it cross
    into a child at line `sink.line` of `path`, when the copy loses a configuration the caller chose."""
    if value is None or not methods:
        return False
    found = lost_configuration(value, ctx.resolver, ctx.flow.resolve)
    if found is None:
        return False
    cls, param, attribute, passed, init_line, set_line = found
    name = cls.rpartition(".")[2]
    ctx.report("MP302", call, f"`{sink.param}` crosses into the child process in {qualified}() (line {sink.line} of "
               f"{Path(path).name}) as a pickled copy holding a `{name}` built with `{param}={passed!r}`; "
               f"{name}.__getstate__ drops `{attribute}`, which __init__ built from `{param}` (line {init_line}), and "
               f"__setstate__ rebuilds it without it (line {set_line}): the child's copy is configured otherwise, "
               "a wrong result without an exception", methods,
               related_file=RelatedFile(path, sink.line, f"`{sink.param}` crosses into the child process here"))
    return True


def reported_here(ctx, node, values, role: str, methods) -> bool:
    """MP302 at `node` (a pool call or a `Process(...)` of this module), which hands `values` to a child as `role`,
    when one of them is a copy that loses a configuration the caller chose."""
    if not methods:
        return False
    for value in values:
        found = lost_configuration(value, ctx.resolver, ctx.flow.resolve) if value is not None else None
        if found is None:
            continue
        cls, param, attribute, passed, init_line, set_line = found
        name = cls.rpartition(".")[2]
        ctx.report("MP302", node, f"{role} crosses into the child process as a pickled copy holding a `{name}` built "
                   f"with `{param}={passed!r}`; {name}.__getstate__ drops `{attribute}`, which __init__ built from "
                   f"`{param}` (line {init_line}), and __setstate__ rebuilds it without it (line {set_line}): the "
                   "child's copy is configured otherwise, a wrong result without an exception", methods)
        return True
    return False
