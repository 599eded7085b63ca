"""A `multiprocessing` context whose start method is a value known only once the walk is over:
`get_context(config.get("start_method"))` in a function whose callers pass the job's config (a dict literal
of the module), `get_context(method)` of a parameter the callers give as a constant, or a field of an object
they pass. Once every call site is known, the method is what they all give (the constant key of a dict
literal the program never adds to, like a library pool's backend: library_calls.settle_backends), and each
object made through the context (`ctx.Process(...)`, `Pool(context=ctx)`) gets it. Anything else stays
"unknown" (the rules then say nothing that depends on the method)."""
from __future__ import annotations

from mpguard.semantic import values as V
from mpguard.semantic.flow import unchanged_dict
from mpguard.semantic.library_calls import settled_name

METHODS = frozenset({"fork", "spawn", "forkserver"})


def settle_contexts(facts, resolve) -> None:
    settled = {}
    for context, value in facts.pending_contexts:
        method = settled_name(value, resolve) if _unchanged_receiver(value, resolve) else None
        if method in METHODS:
            context.method = method
            settled[id(context)] = method
    made = {id(call): settled[id(context)] for context, call in facts.context_calls if id(context) in settled}
    for creation in facts.creations if made else ():
        method = made.get(id(creation.node))
        if method is not None and creation.method == "unknown":
            creation.method = method
            if getattr(creation.value, "method", None) == "unknown":
                creation.value.method = method
    facts.pending_contexts = []
    facts.context_calls = []


def _unchanged_receiver(value, resolve) -> bool:
    """`config.get("start_method")`: only of dict literals the program never stores into (what `JOB[key] = ...`
    made it at run time is not known here)."""
    if type(value) is not V.CallResult or value.receiver is None:
        return True
    receiver = resolve(value.receiver)
    options = receiver.options if type(receiver) is V.Union else [receiver]
    return all(unchanged_dict(option) for option in options)
