"""MP208 for a function the caller hands to another project module's worker loop, which calls it in a child
process and sends the exception it raised on a queue (linter/caught_sends: a sink of role "caught-sent"; gwpy PR
#419: `multiprocess_with_queues(nproc, _read_one, paths)`, whose workers put `(idx, exc)` on the output queue).
What the function may raise that the loop's handler takes is followed here, as for a task of this module: its own
raises, the cataloged library calls it makes (rules/raising_library_calls: `xml.sax.parse(...)`), and what the
functions of other project modules it calls raise (their summaries). The first one that cannot cross is reported at
the call that hands the function over: pickle refuses it (the queue's feeder thread drops it, the reader waits
for ever) or the reader cannot rebuild it."""
from __future__ import annotations


from mpguard.rules.raised_elsewhere import imported_raises
from mpguard.rules.raising_library_calls import raising_by_function
from mpguard.rules.sink_arguments import handed_values
from mpguard.semantic.handlers import ALWAYS_CAUGHT_BY
from mpguard.text.findings import RelatedFile



def check(ctx, raises: dict, names_of, judge) -> None:
    """`raises`: function -> its raise effects; `names_of(effect)`: the names a handler catches one by;
    `judge(effect)`: (class name, reason, error) when pickle cannot rebuild what it raises."""
    done = set()
    for call, qualified, _name, summary, sink, value in handed_values(ctx, "caught-sent"):
        if id(call) in done:
            continue  # (one finding per call that hands the function over)
        found = next((f for d in (ctx.definitions_of(value) if value is not None else ())
                      for f in [_first_sent(ctx, d, sink.catches, raises, names_of, judge)] if f), None)
        if found is None:
            continue
        cls, line, error, path, function = found
        shown = path.replace(chr(92), "/").rsplit("/", 1)[-1] if path else "this file"
        module = qualified.rpartition(".")[0]
        ctx.report("MP208", call, f"{qualified}() calls `{sink.param}` ({function}) in a child process and sends "
                   f"the exception it raises on a queue (line {sink.line} of {module}); {function}() may raise "
                   f"`{cls}` (line {line} of {shown}), which cannot cross: {error} (the reader never gets it, or "
                   "fails to rebuild it)", ctx.under_every_method(sink.method), error=error,
                   related_file=RelatedFile(summary.path, sink.line, "the caught exception is sent here"))
        done.add(id(call))


def _first_sent(ctx, root, catches, raises: dict, names_of, judge):
    """(class, line, error, path or None, the function's name) of the first exception `root` may let out that a
    handler catching by `catches` takes and that cannot cross, else None."""
    if not catches:
        return None
    library = raising_by_function(ctx)
    for func in ctx.reachable([root]):
        for effect in raises.get(func, ()):
            names = names_of(effect)
            judged = judge(effect) if _takes(catches, names) and ctx.escapes(root, func, effect.node, names) else None
            if judged is not None:
                return judged[0], effect.node.lineno, judged[2], None, root.name
        for call, qualified, error, names, _refused in library.get(func, ()):
            if _takes(catches, names) and ctx.escapes(root, func, call, names):
                return qualified.rpartition(".")[2], call.lineno, error, None, root.name
    for call, qualified, _args, _kwargs, where in ctx.facts.project_calls:
        if where.function not in ctx.reachable([root]):
            continue
        for found in imported_raises(ctx.resolver, qualified, ctx.as_read(call)):
            names = frozenset(getattr(found, "names", ())) | {found[0]}
            if _takes(catches, names) and ctx.escapes(root, where.function, call, names):
                cls, line, error, path = tuple(found)
                return cls, line, error, path, root.name
    return None


def _takes(catches: tuple, names: frozenset) -> bool:
    return any(name == "" or name in names or name in ALWAYS_CAUGHT_BY for name in catches)
